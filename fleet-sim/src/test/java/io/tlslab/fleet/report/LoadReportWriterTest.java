package io.tlslab.fleet.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.fleet.stats.LoadRecorder;
import io.tlslab.fleet.stats.LoadSummary;
import io.tlslab.fleet.testing.Failures;
import io.tlslab.protocol.validation.ReasonCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadReportWriterTest {

    @TempDir
    Path dir;

    private static LoadSummary sampleRun() {
        AtomicLong clock = new AtomicLong();
        LoadRecorder r = new LoadRecorder(clock::get);
        for (int second = 0; second < 5; second++) {
            if (second == 1) {
                r.startMeasuring();
            }
            for (int i = 0; i < 200 + 10 * second; i++) {
                r.attemptStarted(false);
                r.handshakeSucceeded(TimeUnit.MICROSECONDS.toNanos(800 + i), false);
            }
            r.attemptStarted(false);
            r.attemptFailed(Failures.rejected(ReasonCode.HOSTNAME_MISMATCH));
            clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
            r.sampleInterval();
        }
        return r.summarize(
                "Load <test> & run",
                Map.of("engine", "OPENSSL", "scenario", "VALID_EC_P256"),
                List.of("single JVM: certificate parsing is cached"));
    }

    @Test
    void writesJsonCsvAndHtmlThatAgree() throws Exception {
        LoadSummary summary = sampleRun();
        LoadReportWriter.Files3 files = LoadReportWriter.write(summary, dir.resolve("out"), "run");

        LoadSummary back = LoadReportWriter.fromJson(Files.readString(files.json()));
        assertThat(back).isEqualTo(summary);

        List<String> csv = Files.readAllLines(files.csv());
        assertThat(csv).hasSize(1 + summary.series().size());
        assertThat(csv.get(0)).startsWith("seconds_from_start,");
        long csvHandshakes = csv.stream()
                .skip(1)
                .mapToLong(l -> Long.parseLong(l.split(",")[3]))
                .sum();
        assertThat(csvHandshakes).isEqualTo(summary.counts().succeeded());
        assertThat(csv.get(1)).contains(",ramp,");
        assertThat(csv.get(2)).contains(",measured,");
    }

    @Test
    void htmlIsSelfContainedWithChartsAndData() throws Exception {
        LoadSummary summary = sampleRun();
        String html =
                Files.readString(LoadReportWriter.write(summary, dir, "run").html());

        assertThat(html)
                .contains("<svg id=\"chart-throughput\"", "<svg id=\"chart-latency\"", "<svg id=\"chart-outcomes\"");
        // one polyline point per interval in the throughput series
        Matcher m = Pattern.compile("data-series=\"handshakes/s\"[^>]*points=\"([^\"]*)\"")
                .matcher(html);
        assertThat(m.find()).isTrue();
        assertThat(m.group(1).trim().split(" ")).hasSize(summary.series().size());
        assertThat(html).contains("data-label=\"HOSTNAME_MISMATCH\" data-value=\"5\"");
        assertThat(html)
                .contains("data-label=\"full handshake\" data-value=\""
                        + summary.counts().fullHandshakes() + "\"");
        assertThat(html).contains("ramp-up (excluded)");
        // the title is escaped, the embedded JSON cannot close its script element
        assertThat(html).contains("Load &lt;test&gt; &amp; run").doesNotContain("<test>");
        int start = html.indexOf("<script type=\"application/json\" id=\"report-data\">");
        assertThat(start).isPositive();
        String embedded = html.substring(html.indexOf('>', start) + 1, html.indexOf("</script>", start));
        assertThat(LoadReportWriter.fromJson(embedded)).isEqualTo(summary);
        // nothing loaded from the network
        assertThat(html).doesNotContain("src=\"http", "href=\"http", "<link", "@import");
    }

    @Test
    void progressLineIsSilentWhenDisabledAndOneLineWhenEnabled() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ProgressLine.Status status = new ProgressLine.Status(12, 30, 1234.5, 3.21, 2, 100, 5000, "load");
        new ProgressLine(out, false).update(() -> status);
        assertThat(bytes.size()).isZero();
        ProgressLine line = new ProgressLine(out, true);
        line.update(() -> status);
        line.update(() -> status);
        line.finish();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text)
                .contains("1,235 hs/s", "p99   3.21 ms", "errors 2", "18s left")
                .doesNotContain("\n\r");
        assertThat(text.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }
}
