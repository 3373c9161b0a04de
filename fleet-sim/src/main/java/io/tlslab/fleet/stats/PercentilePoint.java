package io.tlslab.fleet.stats;

/** One point of a latency-by-percentile curve: {@code percentile}% of handshakes took at most {@code millis}. */
public record PercentilePoint(double percentile, double millis) {}
