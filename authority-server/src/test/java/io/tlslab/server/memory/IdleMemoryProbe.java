package io.tlslab.server.memory;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;

/**
 * Run in a JVM of its own by {@link IdleMemoryPolicyTest} (each case needs fresh flags and its own
 * command line): applies the policy, then prints what it set and every flag it concerns as
 * {@code name value origin}.
 */
final class IdleMemoryProbe {
    private IdleMemoryProbe() {}

    public static void main(String[] args) {
        System.out.println("applied " + String.join(" ", IdleMemoryPolicy.applyToThisJvm()));
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        for (String name : new String[] {
            "MinHeapFreeRatio", "MaxHeapFreeRatio", "G1PeriodicGCInterval", IdleMemoryPolicy.JVM_TRIM_FLAG
        }) {
            VMOption o = vm.getVMOption(name);
            System.out.println(name + " " + o.getValue() + " " + o.getOrigin());
        }
        boolean trimming = Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("tlslab-native-heap-trim") && t.isDaemon());
        System.out.println("trim-thread " + trimming);
    }
}
