package io.tlslab.fleet.docker;

import io.tlslab.fleet.stats.IntervalSample;
import io.tlslab.fleet.stats.CpuUse;
import io.tlslab.fleet.stats.LatencySummary;
import io.tlslab.fleet.stats.LoadRecorder;
import io.tlslab.fleet.stats.LoadSummary;
import io.tlslab.fleet.stats.RunEvent;
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

    private ReportMerger() {
    }

    /**
     * @param parts the runs, started together (their interval series are aligned by index)
     */
    public static LoadSummary merge(String title, Map<String, String> setup, List<String> notes, List<LoadSummary> parts) {
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
        String startedAt = parts.stream().map(LoadSummary::startedAt).min(Comparator.naturalOrder()).orElseThrow();
        return new LoadSummary(title, startedAt, setup, timing(parts), counts(parts), measured(parts),
                cpu(parts), LatencySummary.of(full), LatencySummary.of(resumed), failures, LoadRecorder.latencyCurve(full),
                series(parts), events, notes);
    }

    private static Histogram mergedHistogram(List<LoadSummary> parts, boolean fullHandshakes) {
        Histogram merged = new Histogram(3);
        for (LoadSummary p : parts) {
            LatencySummary latency = fullHandshakes ? p.fullLatency() : p.resumedLatency();
            Histogram h = latency.decodeHistogram();
            if (h.getTotalCount() != latency.count()) {
                throw new IllegalArgumentException("a report's latency histogram holds " + h.getTotalCount()
                        + " values but its summary counts " + latency.count() + (latency.histogram().isEmpty()
                        ? ": the report has no histogram (was the image built from an older tlslab-fleet.jar? "
                                + "rebuild it with docker/build-images.sh)" : ""));
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
        return new LoadSummary.Counts(started, succeeded, failed, inFlight, full, resumed, retries, peak, openAtEnd, keepAlives);
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
        return CpuUse.of(handshakes, seconds, parts.get(0).cpu().client() + ", summed over " + parts.size()
                + " containers", -1, "not measured across containers");
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
     * Interval i of the fleet = interval i of every part (same sampling interval, started together):
     * counts and open connections add up; an interval's p50/p99/max is the highest of the parts' (the
     * series keeps no per-interval histogram; the whole-run percentiles above are exact).
     */
    private static List<IntervalSample> series(List<LoadSummary> parts) {
        int length = parts.stream().mapToInt(p -> p.series().size()).max().orElse(0);
        List<IntervalSample> merged = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            double end = 0, interval = 0, p50 = 0, p99 = 0, max = 0;
            boolean measuring = false;
            long handshakes = 0, resumed = 0, failures = 0;
            int open = 0;
            for (LoadSummary p : parts) {
                if (i >= p.series().size()) {
                    continue;
                }
                IntervalSample s = p.series().get(i);
                end = Math.max(end, s.secondsFromStart());
                interval = Math.max(interval, s.intervalSeconds());
                measuring |= s.measuring();
                handshakes += s.handshakes();
                resumed += s.resumed();
                failures += s.failures();
                p50 = Math.max(p50, s.p50Millis());
                p99 = Math.max(p99, s.p99Millis());
                max = Math.max(max, s.maxMillis());
                open += s.connectionsOpen();
            }
            merged.add(new IntervalSample(end, interval, measuring, handshakes, resumed, failures, p50, p99, max, open));
        }
        return merged;
    }
}
