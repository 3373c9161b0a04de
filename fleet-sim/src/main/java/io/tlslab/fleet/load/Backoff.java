package io.tlslab.fleet.load;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a simulated endpoint waits before retrying after a failure: exponential backoff with
 * full jitter (SPEC §5), or without jitter to reproduce a synchronised reconnect storm.
 */
public record Backoff(Duration first, Duration cap, boolean jitter) {

    /** The SPEC's endpoint default: 1 s first delay, 300 s cap, full jitter. */
    public static Backoff specDefault() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(300), true);
    }

    public Backoff {
        if (first.isNegative() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= first <= cap, got " + first + " and " + cap);
        }
    }

    public Backoff withJitter(boolean on) {
        return new Backoff(first, cap, on);
    }

    /**
     * Delay before retry number {@code failures} (1 = first retry after one failure), in nanoseconds.
     */
    public long delayNanos(int failures) {
        long ceiling = first.toNanos();
        for (int i = 1; i < failures && ceiling < cap.toNanos(); i++) {
            ceiling = Math.min(cap.toNanos(), ceiling * 2);
        }
        ceiling = Math.min(ceiling, cap.toNanos());
        if (!jitter || ceiling == 0) {
            return ceiling;
        }
        return ThreadLocalRandom.current().nextLong(ceiling + 1);
    }
}
