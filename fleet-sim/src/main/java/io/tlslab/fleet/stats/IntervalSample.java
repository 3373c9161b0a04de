package io.tlslab.fleet.stats;

/**
 * What happened during one sampling interval of a run: the raw material of the throughput-over-time
 * chart and the CSV series. Latencies are in milliseconds; {@code NaN}-free (0 when nothing finished).
 *
 * @param secondsFromStart end of the interval, seconds since the run started
 * @param intervalSeconds  length of the interval (the last one may be short)
 * @param measuring        whether the interval lies in the measurement window (false: ramp-up or drain)
 * @param handshakes       successful handshakes finished in the interval (full + resumed)
 * @param resumed          of which resumed
 * @param failures         failed attempts finished in the interval
 * @param connectionsOpen  TLS connections open at the end of the interval
 */
public record IntervalSample(
        double secondsFromStart,
        double intervalSeconds,
        boolean measuring,
        long handshakes,
        long resumed,
        long failures,
        double p50Millis,
        double p99Millis,
        double maxMillis,
        int connectionsOpen) {

    /** Successful handshakes per second over this interval. */
    public double handshakesPerSecond() {
        return intervalSeconds <= 0 ? 0 : handshakes / intervalSeconds;
    }
}
