package io.tlslab.fleet.stats;

import org.HdrHistogram.AbstractHistogram;

/** Latency percentiles of a set of handshakes, in milliseconds (HdrHistogram, 3 significant digits). */
public record LatencySummary(long count, double minMillis, double meanMillis, double p50Millis, double p90Millis,
                             double p99Millis, double p999Millis, double maxMillis) {

    static final double MICROS_PER_MILLI = 1000.0;

    public static LatencySummary empty() {
        return new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Summarises a histogram of microsecond values. */
    public static LatencySummary of(AbstractHistogram micros) {
        if (micros.getTotalCount() == 0) {
            return empty();
        }
        return new LatencySummary(micros.getTotalCount(),
                ms(micros.getMinValue()),
                micros.getMean() / MICROS_PER_MILLI,
                ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)),
                ms(micros.getMaxValue()));
    }

    private static double ms(long micros) {
        return micros / MICROS_PER_MILLI;
    }
}
