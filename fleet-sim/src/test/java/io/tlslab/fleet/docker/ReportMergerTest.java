package io.tlslab.fleet.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlslab.fleet.cli.FleetCli;
import io.tlslab.fleet.report.LoadReportWriter;
import io.tlslab.fleet.stats.IntervalSample;
import io.tlslab.fleet.stats.LatencySummary;
import io.tlslab.fleet.stats.LoadRecorder;
import io.tlslab.fleet.stats.LoadSummary;
import io.tlslab.fleet.swarm.ReportLine;
import io.tlslab.fleet.testing.Failures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportMergerTest {

    /** Every latency recorded by any part, to compare the merge with one histogram of all values. */
    private final Histogram allFull = new Histogram(1, TimeUnit.MINUTES.toMicros(1), 3);

    private final Histogram allResumed = new Histogram(1, TimeUnit.MINUTES.toMicros(1), 3);

    /**
     * One container's run, made by the same recorder the load command uses and read back from JSON
     * exactly as the containers' reports are: a 1 s ramp then {@code seconds} measured seconds.
     */
    private LoadSummary part(long seed, int perSecond, int seconds, int baseMicros, String failure) {
        AtomicLong clock = new AtomicLong(5_000_000_000L);
        LoadRecorder recorder = new LoadRecorder(clock::get);
        Random random = new Random(seed);
        recorder.attemptStarted(false);
        recorder.handshakeSucceeded(TimeUnit.MILLISECONDS.toNanos(80), false); // ramp: excluded from latency
        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        recorder.sampleInterval();
        recorder.startMeasuring();
        for (int s = 0; s < seconds; s++) {
            for (int i = 0; i < perSecond; i++) {
                long micros = baseMicros + random.nextInt(baseMicros * 4);
                boolean resumed = i % 7 == 0;
                recorder.attemptStarted(false);
                recorder.handshakeSucceeded(TimeUnit.MICROSECONDS.toNanos(micros), resumed);
                (resumed ? allResumed : allFull).recordValue(micros);
            }
            recorder.attemptStarted(true);
            recorder.attemptFailed(Failures.of(failure));
            clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
            recorder.sampleInterval();
        }
        recorder.stopMeasuring();
        return LoadReportWriter.fromJson(LoadReportWriter.toJson(recorder.summarize("part", Map.of(), List.of())));
    }

    @Test
    void countsAddUpAndPercentilesComeFromAllValues() {
        List<LoadSummary> parts = List.of(
                part(1, 300, 3, 500, "SELF_SIGNED"),
                part(2, 100, 3, 4000, "SELF_SIGNED"), // a slow container: shifts the fleet's upper percentiles
                part(3, 200, 2, 1000, "UNREACHABLE"));

        LoadSummary merged = ReportMerger.merge("fleet", Map.of("containers", "3"), List.of("note"), parts);

        LoadSummary.Counts c = merged.counts();
        assertThat(c.started())
                .isEqualTo(parts.stream().mapToLong(p -> p.counts().started()).sum())
                .isEqualTo(3 + 900 + 300 + 400 + 3 + 3 + 2);
        assertThat(c.succeeded()).isEqualTo(3 + 900 + 300 + 400);
        assertThat(c.failed()).isEqualTo(8);
        assertThat(c.retries()).isEqualTo(8);
        assertThat(c.balanced()).isTrue();
        assertThat(merged.failuresByReason())
                .containsExactlyInAnyOrderEntriesOf(Map.of("SELF_SIGNED", 6L, "UNREACHABLE", 2L));
        assertThat(merged.measured().fullHandshakes() + merged.measured().resumedHandshakes())
                .isEqualTo(1600);
        assertThat(merged.measured().fullPerSecond())
                .isEqualTo(parts.stream()
                        .mapToDouble(p -> p.measured().fullPerSecond())
                        .sum());

        // the merged histogram is the histogram of every value any container recorded
        assertThat(merged.fullLatency().decodeHistogram()).isEqualTo(allFull);
        assertThat(merged.resumedLatency().decodeHistogram()).isEqualTo(allResumed);
        assertThat(merged.fullLatency())
                .usingRecursiveComparison()
                .ignoringFields("histogram")
                .isEqualTo(LatencySummary.of(allFull)); // the encoding header differs with the histogram's range
        assertThat(merged.fullLatency().count()).isEqualTo(merged.measured().fullHandshakes());

        LatencySummary l = merged.fullLatency();
        assertThat(l.minMillis()).isLessThanOrEqualTo(l.p50Millis());
        assertThat(l.p50Millis()).isLessThanOrEqualTo(l.p90Millis());
        assertThat(l.p90Millis()).isLessThanOrEqualTo(l.p99Millis());
        assertThat(l.p99Millis()).isLessThanOrEqualTo(l.p999Millis());
        assertThat(l.p999Millis()).isLessThanOrEqualTo(l.maxMillis());
        // not an average of the parts' p99s: the slow container dominates the fleet's tail
        assertThat(l.p99Millis()).isGreaterThan(parts.get(0).fullLatency().p99Millis());
        assertThat(merged.latencyDistribution()).isEqualTo(LoadRecorder.latencyCurve(allFull));
    }

    @Test
    void seriesAreSummedIntervalByInterval() {
        LoadSummary first = part(4, 50, 3, 500, "SELF_SIGNED");
        // started together (containers of one engine); the fixture's own start is when it was built
        List<LoadSummary> parts = List.of(first, startedLater(part(5, 20, 2, 500, "SELF_SIGNED"), first, 0));

        List<IntervalSample> series =
                ReportMerger.merge("fleet", Map.of(), List.of(), parts).series();

        assertThat(series).hasSize(4); // ramp + the longest part's 3 measured intervals
        assertThat(series.get(0).measuring()).isFalse();
        assertThat(series.get(0).handshakes()).isEqualTo(2);
        assertThat(series.get(1).handshakes()).isEqualTo(70);
        assertThat(series.get(1).failures()).isEqualTo(2);
        assertThat(series.get(3).handshakes()).isEqualTo(50);
        List<Long> perInterval = new ArrayList<>();
        series.forEach(s -> perInterval.add(s.handshakes()));
        assertThat(perInterval.stream().mapToLong(Long::longValue).sum())
                .isEqualTo(parts.stream().mapToLong(p -> p.counts().succeeded()).sum());
        for (IntervalSample s : series) {
            assertThat(s.p50Millis()).isLessThanOrEqualTo(s.p99Millis());
            assertThat(s.p99Millis()).isLessThanOrEqualTo(s.maxMillis());
        }
    }

    /** Replicas a swarm started 2 s apart: each interval goes where the wall clock puts it. */
    @Test
    void seriesOfPartsStartedApartLineUpByWallClock() {
        LoadSummary early = part(7, 30, 3, 500, "SELF_SIGNED");
        LoadSummary late = startedLater(part(8, 10, 3, 500, "SELF_SIGNED"), early, 2_000);

        List<IntervalSample> series = ReportMerger.merge("fleet", Map.of(), List.of(), List.of(early, late))
                .series();

        // early: ramp 0-1 s (1 handshake), 30/s over 1-4 s; late: ramp 2-3 s, 10/s over 3-6 s
        assertThat(series).extracting(IntervalSample::handshakes).containsExactly(1L, 30L, 30L + 1, 30L + 10, 10L, 10L);
        assertThat(series).extracting(IntervalSample::secondsFromStart).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 6.0);
        assertThat(series.stream().mapToLong(IntervalSample::handshakes).sum())
                .isEqualTo(early.counts().succeeded() + late.counts().succeeded());
        assertThat(ReportMerger.clockNote(List.of(early, late)))
                .contains("within 2000 ms")
                .contains("at most 100 ms");
    }

    /** The same run as {@code part}, as if its clock had read {@code millis} more when it started than {@code reference}'s. */
    private static LoadSummary startedLater(LoadSummary part, LoadSummary reference, long millis) {
        String at = Instant.parse(reference.startedAt()).plusMillis(millis).toString();
        return new LoadSummary(
                part.title(),
                at,
                part.setup(),
                part.timing(),
                part.counts(),
                part.measured(),
                part.cpu(),
                part.fullLatency(),
                part.resumedLatency(),
                part.failuresByReason(),
                part.latencyDistribution(),
                part.series(),
                part.events(),
                part.notes());
    }

    @Test
    void aShareIsWhatThatReplicaOfTheSplitRuns() {
        assertThat(FleetSplit.share("1/3", 10, 1001)).isEqualTo(new FleetSplit(4, 334));
        assertThat(FleetSplit.share(" 3/3 ", 10, 1001)).isEqualTo(new FleetSplit(3, 333));
        assertThatThrownBy(() -> FleetSplit.share("0/3", 10, 1001)).hasMessageContaining("1 <= I <= K");
        assertThatThrownBy(() -> FleetSplit.share("4/3", 10, 1001)).hasMessageContaining("1 <= I <= K");
        assertThatThrownBy(() -> FleetSplit.share("two", 10, 1001)).hasMessageContaining("--share must be I/K");
    }

    /** {@code tlslab-fleet merge}: JSON files, a directory of them, or a log ending in a report line. */
    @Test
    void mergeCommandMergesReportFilesDirectoriesAndLogLines(@TempDir Path dir) throws Exception {
        LoadSummary a = part(9, 40, 2, 500, "SELF_SIGNED");
        LoadSummary b = part(10, 20, 2, 500, "UNREACHABLE");
        LoadSummary c = part(11, 10, 2, 500, "SELF_SIGNED");
        Path parts = Files.createDirectories(dir.resolve("parts"));
        Files.writeString(parts.resolve("pod-0.json"), LoadReportWriter.toJson(a));
        Files.writeString(parts.resolve("pod-1.json"), LoadReportWriter.toJson(b));
        Path log =
                Files.writeString(dir.resolve("replica.log"), "Loading ...\nsome output\n" + ReportLine.of(c) + "\n");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = FleetCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(
                "merge",
                "--out",
                dir.resolve("merged").toString(),
                "--name",
                "fleet",
                parts.toString(),
                log.toString());

        assertThat(code).as(out + "\n" + err).isZero();
        LoadSummary merged = LoadReportWriter.fromJson(Files.readString(dir.resolve("merged/fleet.json")));
        assertThat(merged.counts().succeeded())
                .isEqualTo(a.counts().succeeded()
                        + b.counts().succeeded()
                        + c.counts().succeeded());
        assertThat(merged.failuresByReason()).containsEntry("SELF_SIGNED", 4L).containsEntry("UNREACHABLE", 2L);
        assertThat(merged.setup()).containsEntry("merged", "3 reports");

        Path junk = Files.writeString(dir.resolve("junk.txt"), "not a report\n");
        assertThat(cli.execute("merge", junk.toString())).isEqualTo(2);
        assertThat(err.toString().strip())
                .contains("neither a JSON load report")
                .doesNotContain("Exception");
    }

    @Test
    void aReportWhoseHistogramDisagreesWithItsCountIsRefused() {
        LoadSummary good = part(6, 10, 1, 500, "SELF_SIGNED");
        LatencySummary l = good.fullLatency();
        LatencySummary forged = new LatencySummary(
                l.count() + 1,
                l.minMillis(),
                l.meanMillis(),
                l.p50Millis(),
                l.p90Millis(),
                l.p99Millis(),
                l.p999Millis(),
                l.maxMillis(),
                l.histogram());
        LoadSummary bad = new LoadSummary(
                good.title(),
                good.startedAt(),
                good.setup(),
                good.timing(),
                good.counts(),
                good.measured(),
                good.cpu(),
                forged,
                good.resumedLatency(),
                good.failuresByReason(),
                good.latencyDistribution(),
                good.series(),
                good.events(),
                good.notes());

        assertThatThrownBy(() -> ReportMerger.merge("fleet", Map.of(), List.of(), List.of(good, bad)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("histogram");
    }

    @Test
    void splitKeepsTheTotals() {
        List<FleetSplit> split = FleetSplit.of(10, 1001, 3);
        assertThat(split).containsExactly(new FleetSplit(4, 334), new FleetSplit(3, 334), new FleetSplit(3, 333));
        assertThatThrownBy(() -> FleetSplit.of(2, 100, 3)).hasMessageContaining("--endpoints (2)");
        assertThatThrownBy(() -> FleetSplit.of(5, 100, 0)).hasMessageContaining("--containers");
    }
}
