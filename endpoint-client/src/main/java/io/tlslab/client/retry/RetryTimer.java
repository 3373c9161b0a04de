package io.tlslab.client.retry;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once after a delay. Production uses the endpoint's event loop (a timer wheel entry, no
 * thread and no CPU while waiting); tests use a manual clock.
 */
@FunctionalInterface
public interface RetryTimer {

    /** A scheduled task that can be called off. */
    interface Scheduled {
        void cancel();
    }

    Scheduled schedule(Runnable task, Duration delay);

    /** Schedules on a Netty event loop. */
    static RetryTimer on(EventExecutor executor) {
        return (task, delay) -> {
            ScheduledFuture<?> future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        };
    }
}
