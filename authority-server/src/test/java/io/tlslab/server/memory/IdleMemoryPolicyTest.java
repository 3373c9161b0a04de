package io.tlslab.server.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IdleMemoryPolicyTest {

    @Test
    void setsTheHeapRatiosAndPeriodicGcAndStartsTrimmingWhenNobodyChose() throws Exception {
        Map<String, String> out = probe();

        assertThat(out.get("MinHeapFreeRatio")).isEqualTo("10 MANAGEMENT");
        assertThat(out.get("MaxHeapFreeRatio")).isEqualTo("20 MANAGEMENT");
        assertThat(out.get("G1PeriodicGCInterval")).isEqualTo("15000 MANAGEMENT");
        assertThat(out.get("applied"))
                .isEqualTo("MinHeapFreeRatio=10 MaxHeapFreeRatio=20 G1PeriodicGCInterval=15000 native-heap-trim=15s");
        assertThat(out.get("trim-thread")).isEqualTo("true");
    }

    @Test
    void aFlagTheUserGaveWins() throws Exception {
        assertThat(probe("-XX:MaxHeapFreeRatio=50", "-XX:G1PeriodicGCInterval=0"))
                .containsEntry("MaxHeapFreeRatio", "50 VM_CREATION")
                .containsEntry("G1PeriodicGCInterval", "0 VM_CREATION")
                .containsEntry("MinHeapFreeRatio", "10 MANAGEMENT")
                .containsEntry("applied", "MinHeapFreeRatio=10 native-heap-trim=15s");
    }

    @Test
    void aUserMinimumAboveThePolicysMaximumKeepsTheJvmsMaximum() throws Exception {
        // MaxHeapFreeRatio=20 below the user's MinHeapFreeRatio=40 is refused by the JVM: both stay consistent
        assertThat(probe("-XX:MinHeapFreeRatio=40"))
                .containsEntry("MinHeapFreeRatio", "40 VM_CREATION")
                .containsEntry("MaxHeapFreeRatio", "70 DEFAULT")
                .containsEntry("applied", "G1PeriodicGCInterval=15000 native-heap-trim=15s");
    }

    @Test
    void theJvmsOwnTrimIntervalReplacesThePolicysTrimming() throws Exception {
        Map<String, String> out = probe("-XX:TrimNativeHeapInterval=5000");

        assertThat(out.get("TrimNativeHeapInterval")).isEqualTo("5000 VM_CREATION");
        assertThat(out.get("trim-thread")).isEqualTo("false");
        assertThat(out.get("applied")).doesNotContain("native-heap-trim");
    }

    @Test
    void aTrimReportsWhatItGaveBack() throws Exception {
        NativeHeapTrim trim = NativeHeapTrim.ofThisJvm().orElseThrow();

        assertThat(trim.trim()).startsWith("Trim native heap: RSS+Swap: ");
    }

    /** Runs {@link IdleMemoryProbe} in a fresh JVM with {@code jvmOptions}; its lines as first word -> rest. */
    private static Map<String, String> probe(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), IdleMemoryProbe.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        Map<String, String> lines = new LinkedHashMap<>();
        for (String line : output.split("\\R")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                lines.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        return lines;
    }
}
