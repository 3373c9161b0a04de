package io.tlslab.client.retry;

import io.tlslab.tls.retry.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * The retry routine of one endpoint: after a failed attempt or a lost connection it schedules exactly
 * one next attempt, after the backoff delay; after a good connection it resets the backoff. At most
 * one attempt is pending at any time, so a server that is down or always fails costs nothing between
 * attempts. Confined to the endpoint's event loop.
 */
public final class Reconnector {

    /** Told about every retry before it waits. */
    @FunctionalInterface
    public interface Listener {
        void retryScheduled(int attempt, Duration delay);
    }

    private final Backoff backoff;
    private final RetryTimer timer;
    private final Listener listener;
    private RetryTimer.Scheduled pending;
    private boolean stopped;

    public Reconnector(Backoff backoff, RetryTimer timer, Listener listener) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Schedules {@code attempt} after the next backoff delay, replacing any pending attempt.
     *
     * @return the chosen delay, or {@code null} when stopped
     */
    public Duration scheduleRetry(Runnable attempt) {
        if (stopped) {
            return null;
        }
        cancelPending();
        Duration delay = backoff.nextDelay();
        listener.retryScheduled(backoff.consecutiveFailures(), delay);
        pending = timer.schedule(
                () -> {
                    pending = null;
                    if (!stopped) {
                        attempt.run();
                    }
                },
                delay);
        return delay;
    }

    /** A connection was accepted: the next failure waits only the first delay again. */
    public void connected() {
        backoff.reset();
    }

    /** Cancels the pending attempt, if any; later {@link #scheduleRetry} calls work as before. */
    public void cancel() {
        cancelPending();
    }

    /** Cancels the pending attempt and refuses further ones. */
    public void stop() {
        stopped = true;
        cancelPending();
    }

    public boolean hasPendingAttempt() {
        return pending != null;
    }

    public int consecutiveFailures() {
        return backoff.consecutiveFailures();
    }

    private void cancelPending() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }
}
