package io.tlslab.server.memory;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How much memory the server's JVM keeps once a handshake ramp is over. A server holding thousands of
 * idle endpoints allocates most during the ramp (handshakes) and little afterwards (keep-alives), but
 * with HotSpot's defaults the heap it grew stays committed: after a full GC G1 only shrinks the heap
 * down to 70% free ({@code MaxHeapFreeRatio}), i.e. up to 3.3x what is live, and it runs no GC at all
 * on an idle process, so nothing is given back. Measured with 5,000 held endpoints that headroom was
 * 19.7 KB of resident memory per endpoint for 5 KB live (fleet-sim README, hold-scale).
 *
 * <p>The policy sets, at start-up and only for flags nobody set (a flag's origin is still
 * {@code DEFAULT}: an explicit {@code -XX:} option, {@code JAVA_TOOL_OPTIONS} or a management client
 * wins), three flags HotSpot declares manageable: {@code MinHeapFreeRatio=10} and
 * {@code MaxHeapFreeRatio=20} (after a collection keep 10-20% of the heap free instead of 40-70%) and
 * {@code G1PeriodicGCInterval=15000} (a G1 process that ran no collection for 15 s runs a
 * concurrent cycle, which returns the free heap to the operating system). Throughput is not what they
 * trade: G1 grows the heap for GC time, not for these ratios, during a ramp.
 *
 * <p>Outside the heap, glibc keeps what BoringSSL freed after each handshake in its arenas; unless
 * {@code -XX:TrimNativeHeapInterval} was given, the policy trims the C heap every
 * {@link #TRIM_INTERVAL} on a daemon thread of its own (never an event loop: a trim holds the arena
 * locks for a moment). See {@link NativeHeapTrim}.
 */
public final class IdleMemoryPolicy {
    private static final Logger log = LoggerFactory.getLogger(IdleMemoryPolicy.class);

    /** How often the C heap is trimmed; at most a few milliseconds each, on its own thread. */
    static final Duration TRIM_INTERVAL = Duration.ofSeconds(15);

    /** The JVM's own periodic trim: when the user chose it, the policy leaves trimming to the JVM. */
    static final String JVM_TRIM_FLAG = "TrimNativeHeapInterval";

    /** In the order they are set: the minimum first, so that the maximum never falls below it. */
    static final Map<String, String> FLAGS = orderedFlags();

    /** What {@link #applyToThisJvm} set, once it ran. */
    private static List<String> applied;

    private IdleMemoryPolicy() {}

    /**
     * Applies the policy to this JVM, once per process (the servers' {@code start}/{@code serve}
     * commands call it; an embedded server leaves its host's JVM alone). Returns what it set, as
     * {@code name=value}: the flags, and {@code native-heap-trim=15s} when it started trimming; a flag
     * the user set, or one this JVM does not have or refuses, is left as it is.
     */
    public static synchronized List<String> applyToThisJvm() {
        if (applied != null) {
            return applied;
        }
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        List<String> set = new ArrayList<>(applyFlags(vm));
        if (userChose(vm, JVM_TRIM_FLAG)) {
            log.debug("idle memory: -XX:{} given, the JVM trims the C heap", JVM_TRIM_FLAG);
        } else {
            NativeHeapTrim.ofThisJvm().ifPresent(trim -> {
                trimEvery(trim, TRIM_INTERVAL);
                set.add("native-heap-trim=" + TRIM_INTERVAL.toSeconds() + "s");
            });
        }
        if (!set.isEmpty()) {
            log.info("idle memory policy: {} (an explicit -XX: option overrides each)", String.join(" ", set));
        }
        applied = List.copyOf(set);
        return applied;
    }

    static boolean userChose(HotSpotDiagnosticMXBean vm, String flag) {
        try {
            return vm.getVMOption(flag).getOrigin() != VMOption.Origin.DEFAULT;
        } catch (IllegalArgumentException absent) {
            return false;
        }
    }

    private static void trimEvery(NativeHeapTrim trim, Duration interval) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tlslab-native-heap-trim");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        long ms = interval.toMillis();
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        log.debug("idle memory: {}", trim.trim());
                    } catch (JMException | RuntimeException e) {
                        log.debug("idle memory: native heap trim failed: {}", e.getMessage());
                    }
                },
                ms,
                ms,
                TimeUnit.MILLISECONDS);
    }

    /** Sets {@link #FLAGS} that nobody set; returns them as {@code name=value}. */
    static List<String> applyFlags(HotSpotDiagnosticMXBean vm) {
        List<String> set = new ArrayList<>();
        for (Map.Entry<String, String> flag : FLAGS.entrySet()) {
            String name = flag.getKey();
            VMOption current;
            try {
                current = vm.getVMOption(name);
            } catch (IllegalArgumentException absent) {
                continue; // another JVM: nothing to tune
            }
            if (current.getOrigin() != VMOption.Origin.DEFAULT || !current.isWriteable()) {
                continue; // the user's choice (or the JVM's own) wins
            }
            try {
                vm.setVMOption(name, flag.getValue());
                set.add(name + "=" + flag.getValue());
            } catch (IllegalArgumentException refused) {
                // e.g. the user set MinHeapFreeRatio above our maximum: their setting stands
                log.debug("idle memory: {} left at {}: {}", name, current.getValue(), refused.getMessage());
            }
        }
        return set;
    }

    private static Map<String, String> orderedFlags() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("MinHeapFreeRatio", "10");
        flags.put("MaxHeapFreeRatio", "20");
        flags.put("G1PeriodicGCInterval", "15000");
        return Collections.unmodifiableMap(flags);
    }
}
