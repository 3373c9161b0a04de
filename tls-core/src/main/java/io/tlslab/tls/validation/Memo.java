package io.tlslab.tls.validation;

import com.github.benmanes.caffeine.cache.Caffeine;

/** How the validator's bounded memos are built. */
final class Memo {
    private Memo() {}

    /**
     * A Caffeine builder bounded to {@code entries}, its upkeep (eviction, buffers) run by the thread
     * that writes: by default Caffeine hands that upkeep to the common ForkJoinPool, which on an event
     * loop that validates every handshake means a cross-thread wake-up per new certificate (~8% of a
     * load client's CPU in a perf profile) for work of a few hundred nanoseconds.
     */
    static Caffeine<Object, Object> bounded(int entries) {
        return Caffeine.newBuilder().maximumSize(entries).executor(Runnable::run);
    }
}
