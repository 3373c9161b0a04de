package io.tlslab.fleet.docker;

import io.tlslab.fleet.stats.CpuUse;
import io.tlslab.fleet.stats.IntervalSample;
import io.tlslab.fleet.stats.LatencySummary;
import io.tlslab.fleet.stats.LoadRecorder;
import io.tlslab.fleet.stats.LoadSummary;
import io.tlslab.fleet.stats.RunEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Merges the reports of several load runs that ran at the same time (one per container) into the
 * report of one fleet. Counts and rates add up; latencies are merged from the runs' histograms, so
 * the fleet's percentiles are exact, not averages of percentiles.
 */
public final class ReportMerger {

    private ReportMerger() {}

    /**
     * @param parts the runs, started together (their interval series are aligned by index)
     */
    public static LoadSummary merge(
            String title, Map<String, String> setup, List<String> notes, List<LoadSummary> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no report to merge");
        }
        Histogram full = mergedHistogram(parts, true);
        Histogram resumed = mergedHistogram(parts, false);
        Map<String, Long> failures = new TreeMap<>();
        List<RunEvent> events = new ArrayList<>();
        for (LoadSummary p : parts) {
            p.failuresByReason().forEach((reason, n) -> failures.merge(reason, n, Long::sum));
            events.addAll(p.events());
        }
        String startedAt = parts.stream()
                .map(LoadSummary::startedAt)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        return new LoadSummary(
                title,
                startedAt,
                setup,
                timing(parts),
                counts(parts),
                measured(parts),
                cpu(parts),
                LatencySummary.of(full),
                LatencySummary.of(resumed),
                failures,
                LoadRecorder.latencyCurve(full),
                series(parts),
                events,
                notes);
    }

    private static Histogram mergedHistogram(List<LoadSummary> parts, boolean fullHandshakes) {
        Histogram merged = new Histogram(3);
        for (LoadSummary p : parts) {
            LatencySummary latency = fullHandshakes ? p.fullLatency() : p.resumedLatency();
            Histogram h = latency.decodeHistogram();
            if (h.getTotalCount() != latency.count()) {
                throw new IllegalArgumentException("a report's latency histogram holds " + h.getTotalCount()
                        + " values but its summary counts " + latency.count()
                        + (latency.histogram().isEmpty()
                                ? ": the report has no histogram (was the image built from an older tlslab-fleet.jar? "
                                        + "rebuild it with docker/build-images.sh)"
                                : ""));
            }
            merged.add(h);
        }
        return merged;
    }

    /** The fleet ran as long as its slowest part. */
    private static LoadSummary.Timing timing(List<LoadSummary> parts) {
        double ramp = 0;
        double measured = 0;
        double total = 0;
        for (LoadSummary p : parts) {
            ramp = Math.max(ramp, p.timing().rampSeconds());
            measured = Math.max(measured, p.timing().measuredSeconds());
            total = Math.max(total, p.timing().totalSeconds());
        }
        return new LoadSummary.Timing(ramp, measured, total);
    }

    /** Sums; the peak of connections is the sum of each part's peak (an upper bound: peaks may not coincide). */
    private static LoadSummary.Counts counts(List<LoadSummary> parts) {
        long started = 0, succeeded = 0, failed = 0, inFlight = 0, full = 0, resumed = 0, retries = 0, keepAlives = 0;
        int peak = 0, openAtEnd = 0;
        for (LoadSummary p : parts) {
            LoadSummary.Counts c = p.counts();
            started += c.started();
            succeeded += c.succeeded();
            failed += c.failed();
            inFlight += c.inFlight();
            full += c.fullHandshakes();
            resumed += c.resumedHandshakes();
            retries += c.retries();
            peak += c.connectionsPeak();
            openAtEnd += c.connectionsOpenAtEnd();
            keepAlives += c.keepAlivesAnswered();
        }
        return new LoadSummary.Counts(
                started, succeeded, failed, inFlight, full, resumed, retries, peak, openAtEnd, keepAlives);
    }

    /**
     * The containers' own CPU added up over their handshakes; a server figure is not merged (each
     * container would have counted the same server over a slightly different window).
     */
    private static CpuUse cpu(List<LoadSummary> parts) {
        long handshakes = 0;
        double seconds = 0;
        for (LoadSummary p : parts) {
            if (p.cpu() == null) {
                return null;
            }
            handshakes += p.cpu().handshakes();
            seconds += p.cpu().clientCpuSeconds();
        }
        return CpuUse.of(
                handshakes,
                seconds,
                parts.get(0).cpu().client() + ", summed over " + parts.size() + " containers",
                -1,
                "not measured across containers");
    }

    /** The parts ran concurrently, so their rates add up. */
    private static LoadSummary.Measured measured(List<LoadSummary> parts) {
        long full = 0, resumed = 0, failures = 0;
        double fullRate = 0, resumedRate = 0;
        for (LoadSummary p : parts) {
            LoadSummary.Measured m = p.measured();
            full += m.fullHandshakes();
            resumed += m.resumedHandshakes();
            failures += m.failures();
            fullRate += m.fullPerSecond();
            resumedRate += m.resumedPerSecond();
        }
        return new LoadSummary.Measured(full, resumed, failures, fullRate, resumedRate);
    }

    /**
     * Assumed bound on the difference between the clocks of the hosts the parts ran on (NTP-synchronised
     * hosts keep well inside it); the merged series is only as well aligned as the clocks are.
     */
    public static final Duration ASSUMED_MAX_CLOCK_DRIFT = Duration.ofMillis(100);

    /**
     * The fleet's series by wall clock: a part's sample ends at its {@code startedAt} + {@code
     * secondsFromStart}; it goes to the fleet interval whose end is nearest (intervals of the common
     * sampling length, counted from the earliest start). Counts and open connections add up; an
     * interval's p50/p99/max is the highest of the parts' (the series keeps no per-interval histogram;
     * the whole-run percentiles above are exact). Parts started at once (containers of one engine)
     * line up interval for interval; replicas that a swarm started seconds apart line up by time.
     */
    static List<IntervalSample> series(List<LoadSummary> parts) {
        Instant t0 = parts.stream()
                .map(p -> Instant.parse(p.startedAt()))
                .min(Comparator.naturalOrder())
                .orElseThrow();
        double step = parts.stream()
                .flatMap(p -> p.series().stream())
                .mapToDouble(IntervalSample::intervalSeconds)
                .max()
                .orElse(1);
        TreeMap<Long, IntervalSample> buckets = new TreeMap<>();
        for (LoadSummary p : parts) {
            double offset = Duration.between(t0, Instant.parse(p.startedAt())).toNanos() / 1e9;
            for (IntervalSample s : p.series()) {
                long k = Math.max(0, Math.round((offset + s.secondsFromStart()) / step) - 1);
                IntervalSample shifted = new IntervalSample(
                        (k + 1) * step,
                        step,
                        s.measuring(),
                        s.handshakes(),
                        s.resumed(),
                        s.failures(),
                        s.p50Millis(),
                        s.p99Millis(),
                        s.maxMillis(),
                        s.connectionsOpen());
                buckets.merge(k, shifted, ReportMerger::add);
            }
        }
        return new ArrayList<>(buckets.values());
    }

    private static IntervalSample add(IntervalSample a, IntervalSample b) {
        return new IntervalSample(
                a.secondsFromStart(),
                a.intervalSeconds(),
                a.measuring() || b.measuring(),
                a.handshakes() + b.handshakes(),
                a.resumed() + b.resumed(),
                a.failures() + b.failures(),
                Math.max(a.p50Millis(), b.p50Millis()),
                Math.max(a.p99Millis(), b.p99Millis()),
                Math.max(a.maxMillis(), b.maxMillis()),
                a.connectionsOpen() + b.connectionsOpen());
    }

    /**
     * What the reader must know about clocks: the parts' start spread (as their hosts' clocks saw it),
     * the drift assumed between those clocks, and what a drift does to the merged series.
     */
    public static String clockNote(List<LoadSummary> parts) {
        List<Instant> starts =
                parts.stream().map(p -> Instant.parse(p.startedAt())).sorted().toList();
        long spreadMillis =
                Duration.between(starts.get(0), starts.get(starts.size() - 1)).toMillis();
        double step = parts.stream()
                .flatMap(p -> p.series().stream())
                .mapToDouble(IntervalSample::intervalSeconds)
                .max()
                .orElse(1);
        return String.format(
                java.util.Locale.ROOT,
                "The merged series is aligned by wall clock: each part's samples are "
                        + "placed at its own start time plus their offset; the parts started within %d ms of each other. Hosts' "
                        + "clocks are assumed to differ by at most %d ms (NTP); a drift of d moves a part's samples by d, so below "
                        + "half the %.1f s interval (%.0f ms) a sample can land one interval early or late only when it ends near "
                        + "an interval boundary: totals are unaffected, a per-interval rate may shift by one interval.",
                spreadMillis,
                ASSUMED_MAX_CLOCK_DRIFT.toMillis(),
                step,
                step * 500);
    }
}
