package io.tlslab.server.console;

import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The deliberately slow password hash of sign-ins, on a small executor of its own with a bounded
 * queue. On the console's executor, a flood of sign-ins from fresh addresses (each one a full hash,
 * whatever the lockouts) slowed every page; here it can only fill this queue, and a sign-in that
 * finds it full is answered 503 at once.
 */
final class SignInHashing {
    /** Sign-ins waiting for a hashing thread before new ones are turned away. */
    static final int QUEUE = 32;

    private final Executor executor;
    private final ExecutorService owned;

    private SignInHashing(Executor executor, ExecutorService owned) {
        this.executor = executor;
        this.owned = owned;
    }

    /** Half the cores (at least one thread): the other half keeps serving pages and endpoints. */
    static SignInHashing bounded() {
        return bounded(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), QUEUE);
    }

    static SignInHashing bounded(int threads, int queue) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue),
                r -> {
                    Thread t = new Thread(r, "tlslab-sign-in-hash");
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.AbortPolicy());
        return new SignInHashing(pool, pool);
    }

    /** Hashes on the calling thread: for handler tests on an {@code EmbeddedChannel}. */
    static SignInHashing direct() {
        return new SignInHashing(Runnable::run, null);
    }

    /**
     * Runs {@code work} on the hashing threads, then {@code then} back on the handler's executor.
     *
     * @return false, having run nothing, when the queue is full
     */
    <T> boolean submit(ChannelHandlerContext ctx, Supplier<T> work, BiConsumer<T, Throwable> then) {
        CompletableFuture<T> f;
        try {
            f = CompletableFuture.supplyAsync(work, executor);
        } catch (RejectedExecutionException full) {
            return false;
        }
        f.whenComplete((value, error) -> {
            if (ctx.executor().inEventLoop()) {
                then.accept(value, error);
            } else {
                ctx.executor().execute(() -> then.accept(value, error));
            }
        });
        return true;
    }

    /** For tests: blocks a hashing thread or a queue slot with {@code task}. */
    boolean occupy(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException full) {
            return false;
        }
    }

    /** True when no sign-in is being hashed or waiting. */
    boolean idle() {
        return owned == null
                || (((ThreadPoolExecutor) owned).getActiveCount() == 0
                        && ((ThreadPoolExecutor) owned).getQueue().isEmpty());
    }

    void shutdown() {
        if (owned != null) {
            owned.shutdownNow();
        }
    }
}
