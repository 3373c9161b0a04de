package io.tlslab.fleet.stats;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latency percentiles of a set of handshakes, in milliseconds (HdrHistogram, 3 significant digits).
 *
 * @param histogram the whole histogram of microsecond values, HdrHistogram's compressed encoding in
 *                  base64 ("" when empty): the percentiles of several runs (e.g. one per container of
 *                  {@code load --docker}) can only be merged exactly from the histograms themselves
 */
public record LatencySummary(
        long count,
        double minMillis,
        double meanMillis,
        double p50Millis,
        double p90Millis,
        double p99Millis,
        double p999Millis,
        double maxMillis,
        String histogram) {

    static final double MICROS_PER_MILLI = 1000.0;

    public LatencySummary {
        histogram = histogram == null ? "" : histogram;
    }

    public static LatencySummary empty() {
        return new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0, "");
    }

    /** Summarises a histogram of microsecond values. */
    public static LatencySummary of(AbstractHistogram micros) {
        if (micros.getTotalCount() == 0) {
            return empty();
        }
        return new LatencySummary(
                micros.getTotalCount(),
                ms(micros.getMinValue()),
                micros.getMean() / MICROS_PER_MILLI,
                ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)),
                ms(micros.getMaxValue()),
                encode(micros));
    }

    /** The histogram this summary was made from (an empty one when it recorded nothing). */
    public Histogram decodeHistogram() {
        if (histogram.isEmpty()) {
            return new Histogram(3);
        }
        try {
            return Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(histogram)), 0);
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "latency histogram is not a compressed HdrHistogram in base64: " + e.getMessage(), e);
        }
    }

    static String encode(AbstractHistogram micros) {
        ByteBuffer buffer = ByteBuffer.allocate(micros.getNeededByteBufferCapacity());
        int length = micros.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static double ms(long micros) {
        return micros / MICROS_PER_MILLI;
    }
}
