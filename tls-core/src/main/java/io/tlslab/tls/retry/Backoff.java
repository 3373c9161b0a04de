package io.tlslab.tls.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The retry state of one endpoint: how many attempts failed in a row, hence how long to wait next.
 * Not thread-safe: an endpoint touches it only from its own event loop.
 */
public final class Backoff {
    private final RetryPolicy policy;
    private final RandomGenerator random;
    private int consecutiveFailures;

    public Backoff(RetryPolicy policy, RandomGenerator random) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Records a failed attempt and returns how long to wait before the next one. */
    public Duration nextDelay() {
        Duration delay = policy.delayBefore(consecutiveFailures, random);
        if (consecutiveFailures < Integer.MAX_VALUE) {
            consecutiveFailures++;
        }
        return delay;
    }

    /** A connection succeeded: the next failure starts from the first delay again. */
    public void reset() {
        consecutiveFailures = 0;
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    public RetryPolicy policy() {
        return policy;
    }
}
