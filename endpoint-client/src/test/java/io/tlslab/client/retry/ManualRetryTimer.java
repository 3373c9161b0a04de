package io.tlslab.client.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link RetryTimer} driven by a virtual clock: nothing runs until the test advances time. */
final class ManualRetryTimer implements RetryTimer {
    private final List<Task> tasks = new ArrayList<>();
    private Duration now = Duration.ZERO;

    private final class Task implements Scheduled {
        final Duration due;
        final Runnable runnable;
        boolean cancelled;

        Task(Duration due, Runnable runnable) {
            this.due = due;
            this.runnable = runnable;
        }

        @Override
        public void cancel() {
            cancelled = true;
            tasks.remove(this);
        }
    }

    @Override
    public Scheduled schedule(Runnable task, Duration delay) {
        Task t = new Task(now.plus(delay), task);
        tasks.add(t);
        return t;
    }

    Duration now() {
        return now;
    }

    int pending() {
        return tasks.size();
    }

    /** Runs the earliest pending task, moving the clock to its due time; false if none is pending. */
    boolean runNext() {
        Task next = tasks.stream().min(Comparator.comparing(t -> t.due)).orElse(null);
        if (next == null) {
            return false;
        }
        tasks.remove(next);
        now = next.due;
        next.runnable.run();
        return true;
    }

    /** Moves the clock forward, running every task that falls due on the way. */
    void advance(Duration by) {
        Duration target = now.plus(by);
        while (true) {
            Task next = tasks.stream().min(Comparator.comparing(t -> t.due)).orElse(null);
            if (next == null || next.due.compareTo(target) > 0) {
                break;
            }
            runNext();
        }
        now = target;
    }
}
