package io.tlslab.fleet.stats;

import io.tlslab.tls.failure.ConnectionFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Thread-safe sink for what a load run observes, written to by event-loop threads and read by one
 * sampler thread ({@link #sampleInterval()}) and at the end ({@link #summarize}).
 *
 * <p>Whole-run counters prove no attempt was lost; latencies and rates only count handshakes that
 * finished inside the measurement window ({@link #startMeasuring()} .. {@link #stopMeasuring()}),
 * because ramp-up (and JIT warm-up) would otherwise skew them.
 */
public final class LoadRecorder {

    /** Latencies are recorded in microseconds; anything above a minute is clamped to it. */
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(1);

    private static final int SIGNIFICANT_DIGITS = 3;
    private static final double[] CURVE_PERCENTILES = {0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 100};

    private final LongSupplier nanoClock;
    private final long startNanos;
    private final Instant startedAt;

    private final LongAdder started = new LongAdder();
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder resumed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final Map<String, LongAdder> failuresByReason = new ConcurrentHashMap<>();
    private final AtomicInteger connectionsOpen = new AtomicInteger();
    private final LongAdder connectionsClosed = new LongAdder();
    private final LongAdder keepAlives = new LongAdder();
    private final AtomicInteger connectionsPeak = new AtomicInteger();

    // measurement window
    private volatile boolean measuring;
    private volatile long measureStartNanos = -1;
    private volatile long measureStopNanos = -1;
    private volatile CpuWindow cpu;
    private final LongAdder measuredFull = new LongAdder();
    private final LongAdder measuredResumed = new LongAdder();
    private final LongAdder measuredFailures = new LongAdder();
    private final Recorder measuredFullLatency = newRecorder();
    private final Recorder measuredResumedLatency = newRecorder();

    // per-interval series (one sampler thread)
    private final Recorder intervalLatency = newRecorder();
    private final LongAdder intervalHandshakes = new LongAdder();
    private final LongAdder intervalResumed = new LongAdder();
    private final LongAdder intervalFailures = new LongAdder();
    private final List<IntervalSample> series = Collections.synchronizedList(new ArrayList<>());
    private long lastSampleNanos;
    private Histogram intervalScratch;

    public LoadRecorder() {
        this(System::nanoTime);
    }

    /** For tests: a controllable clock. */
    public LoadRecorder(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.lastSampleNanos = startNanos;
        this.startedAt = Instant.now();
    }

    private static Recorder newRecorder() {
        return new Recorder(1, MAX_MICROS, SIGNIFICANT_DIGITS);
    }

    public long nanoTime() {
        return nanoClock.getAsLong();
    }

    /** CPU time is read when the window opens and closes; without one the report has no CPU figures. */
    public void watchCpu(CpuWindow window) {
        this.cpu = window;
    }

    public synchronized void startMeasuring() {
        measureStartNanos = nanoClock.getAsLong();
        measuring = true;
        if (cpu != null) {
            cpu.open();
        }
    }

    public synchronized void stopMeasuring() {
        if (measuring) {
            measuring = false;
            measureStopNanos = nanoClock.getAsLong();
            if (cpu != null) {
                cpu.close();
            }
        }
    }

    public boolean isMeasuring() {
        return measuring;
    }

    /** A handshake attempt begins (a TCP connect is issued). */
    public void attemptStarted(boolean isRetry) {
        started.increment();
        if (isRetry) {
            retries.increment();
        }
    }

    /** The TLS handshake completed and the server's certificate was accepted. */
    public void handshakeSucceeded(long latencyNanos, boolean wasResumed) {
        long micros = clampMicros(latencyNanos);
        succeeded.increment();
        intervalHandshakes.increment();
        intervalLatency.recordValue(micros);
        if (wasResumed) {
            resumed.increment();
            intervalResumed.increment();
        }
        if (measuring) {
            if (wasResumed) {
                measuredResumed.increment();
                measuredResumedLatency.recordValue(micros);
            } else {
                measuredFull.increment();
                measuredFullLatency.recordValue(micros);
            }
        }
    }

    /**
     * The attempt failed.
     *
     * @param failure why; counted under its {@link ConnectionFailure#code()} (a reason code for a
     *                validation reject, a failure kind such as {@code UNREACHABLE} otherwise)
     */
    public void attemptFailed(ConnectionFailure failure) {
        String reason = failure.code();
        failed.increment();
        intervalFailures.increment();
        failuresByReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
        if (measuring) {
            measuredFailures.increment();
        }
    }

    public void connectionOpened() {
        int now = connectionsOpen.incrementAndGet();
        connectionsPeak.accumulateAndGet(now, Math::max);
    }

    /** A held connection answered the server's keep-alive PING. */
    public void keepAliveAnswered() {
        keepAlives.increment();
    }

    public void connectionClosed() {
        connectionsOpen.decrementAndGet();
        connectionsClosed.increment();
    }

    public int connectionsOpen() {
        return connectionsOpen.get();
    }

    /** Connections closed since the start: a drop is seen even if everyone is back before anyone looks. */
    public long connectionsClosed() {
        return connectionsClosed.sum();
    }

    public long started() {
        return started.sum();
    }

    public long finished() {
        return succeeded.sum() + failed.sum();
    }

    public long failed() {
        return failed.sum();
    }

    public double elapsedSeconds() {
        return (nanoClock.getAsLong() - startNanos) / 1e9;
    }

    /** Closes the current interval and returns its sample (call from one thread only). */
    public synchronized IntervalSample sampleInterval() {
        long now = nanoClock.getAsLong();
        double seconds = (now - lastSampleNanos) / 1e9;
        lastSampleNanos = now;
        intervalScratch = intervalLatency.getIntervalHistogram(intervalScratch);
        Histogram h = intervalScratch;
        boolean empty = h.getTotalCount() == 0;
        IntervalSample sample = new IntervalSample(
                (now - startNanos) / 1e9,
                seconds,
                measuring,
                intervalHandshakes.sumThenReset(),
                intervalResumed.sumThenReset(),
                intervalFailures.sumThenReset(),
                empty ? 0 : h.getValueAtPercentile(50) / 1000.0,
                empty ? 0 : h.getValueAtPercentile(99) / 1000.0,
                empty ? 0 : h.getMaxValue() / 1000.0,
                connectionsOpen.get());
        series.add(sample);
        return sample;
    }

    /** Freezes the figures into a summary. Call once, after the run drained and the last sample was taken. */
    public synchronized LoadSummary summarize(String title, Map<String, String> setup, List<String> notes) {
        return summarize(title, setup, List.of(), notes);
    }

    /**
     * @param events mid-run actions with the time the fleet took to reconnect; their peak rate and
     *               failures after are filled in here from the series
     */
    public synchronized LoadSummary summarize(
            String title, Map<String, String> setup, List<RunEvent> events, List<String> notes) {
        long end = nanoClock.getAsLong();
        stopMeasuring();
        Histogram full = measuredFullLatency.getIntervalHistogram();
        Histogram res = measuredResumedLatency.getIntervalHistogram();
        double measuredSeconds = measureStartNanos < 0 ? 0 : (measureStopNanos - measureStartNanos) / 1e9;
        double rampSeconds = measureStartNanos < 0 ? 0 : (measureStartNanos - startNanos) / 1e9;
        long s = succeeded.sum();
        long f = failed.sum();
        long st = started.sum();
        long r = resumed.sum();
        LoadSummary.Counts counts = new LoadSummary.Counts(
                st,
                s,
                f,
                Math.max(0, st - s - f),
                s - r,
                r,
                retries.sum(),
                connectionsPeak.get(),
                connectionsOpen.get(),
                keepAlives.sum());
        long mf = measuredFull.sum();
        long mr = measuredResumed.sum();
        LoadSummary.Measured measured = new LoadSummary.Measured(
                mf,
                mr,
                measuredFailures.sum(),
                measuredSeconds > 0 ? mf / measuredSeconds : 0,
                measuredSeconds > 0 ? mr / measuredSeconds : 0);
        Map<String, Long> failures = new TreeMap<>();
        failuresByReason.forEach((k, v) -> failures.put(k, v.sum()));
        List<PercentilePoint> curve = latencyCurve(full);
        List<IntervalSample> snapshot;
        synchronized (series) {
            snapshot = List.copyOf(series);
        }
        List<RunEvent> completed = new ArrayList<>();
        for (RunEvent e : events) {
            double peak = 0;
            long failuresAfter = 0;
            for (IntervalSample i : snapshot) {
                // every interval that ends after the event, the one it happened in included: a quick
                // restart and reconnect can fall entirely inside that interval
                if (i.secondsFromStart() > e.atSeconds()) {
                    peak = Math.max(peak, i.handshakesPerSecond());
                    failuresAfter += i.failures();
                }
            }
            completed.add(new RunEvent(e.name(), e.atSeconds(), e.allConnectedAfterSeconds(), peak, failuresAfter));
        }
        CpuUse cpuUse = cpu == null || measureStartNanos < 0 ? null : cpu.use(mf + mr);
        return new LoadSummary(
                title,
                startedAt.toString(),
                setup,
                new LoadSummary.Timing(rampSeconds, measuredSeconds, (end - startNanos) / 1e9),
                counts,
                measured,
                cpuUse,
                LatencySummary.of(full),
                LatencySummary.of(res),
                failures,
                curve,
                snapshot,
                completed,
                notes);
    }

    /** The latency-by-percentile curve of a histogram of microsecond values (empty when it holds nothing). */
    public static List<PercentilePoint> latencyCurve(AbstractHistogram micros) {
        List<PercentilePoint> curve = new ArrayList<>();
        if (micros.getTotalCount() > 0) {
            for (double p : CURVE_PERCENTILES) {
                curve.add(new PercentilePoint(
                        p, (p == 0 ? micros.getMinValue() : micros.getValueAtPercentile(p)) / 1000.0));
            }
        }
        return curve;
    }

    private static long clampMicros(long nanos) {
        return Math.max(1, Math.min(MAX_MICROS, TimeUnit.NANOSECONDS.toMicros(nanos)));
    }
}
