package io.tlslab.server.memory;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Returns the C heap's free memory to the operating system through the JVM's own
 * {@code System.trim_native_heap} diagnostic command (glibc's {@code malloc_trim}). BoringSSL's
 * per-handshake allocations are freed once a handshake is done, but glibc keeps the freed memory in its
 * per-thread arenas: measured with 5,000 held endpoints, one trim after the ramp gave back 30 MB
 * (6 KB per endpoint) of resident memory nothing was using. The JVM trims by itself only with
 * {@code -XX:TrimNativeHeapInterval}, a start-up flag users would have to know.
 */
final class NativeHeapTrim {
    private static final String OPERATION = "systemTrimNativeHeap";

    private final MBeanServer server;
    private final ObjectName diagnosticCommand;

    private NativeHeapTrim(MBeanServer server, ObjectName diagnosticCommand) {
        this.server = server;
        this.diagnosticCommand = diagnosticCommand;
    }

    /** Empty on a JVM without the command (before 17.0.9, or without jdk.management). */
    static Optional<NativeHeapTrim> ofThisJvm() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
            boolean offered = server.isRegistered(name)
                    && java.util.Arrays.stream(server.getMBeanInfo(name).getOperations())
                            .anyMatch(op -> op.getName().equals(OPERATION));
            return offered ? Optional.of(new NativeHeapTrim(server, name)) : Optional.empty();
        } catch (JMException | RuntimeException unavailable) {
            return Optional.empty();
        }
    }

    /** Trims once; returns the JVM's one-line account ("Trim native heap: RSS+Swap: a->b (-c)"). */
    String trim() throws JMException {
        Object out = server.invoke(
                diagnosticCommand, OPERATION, new Object[] {new String[0]}, new String[] {String[].class.getName()});
        return String.valueOf(out).strip();
    }
}
