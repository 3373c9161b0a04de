package io.tlslab.ca.scenario;

import io.tlslab.ca.KeySpec;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands out key pairs by role ("slot") and type. Key generation dominates minting time (one RSA-2048
 * key costs about as much as building twenty certificates), so with reuse on each (slot, type) is
 * generated once, lazily, and shared by every scenario that does not need a key of its own; the
 * expensive RSA keys can also be generated ahead, in parallel, while minting starts. Distinct slots
 * keep issuer and subject keys apart so no certificate is ever signed by its own key by accident.
 */
final class KeyPool {
    /** One (slot, type) pair a recipe asks for. */
    record Request(String slot, KeySpec spec) {
        String key() {
            return slot + "/" + spec;
        }
    }

    private final boolean reuse;
    private final Map<String, CompletableFuture<KeyPair>> keys = new ConcurrentHashMap<>();
    private final AtomicInteger generated = new AtomicInteger();

    KeyPool(boolean reuse) {
        this.reuse = reuse;
    }

    KeyPair get(String slot, KeySpec spec) {
        if (!reuse) {
            return generate(spec);
        }
        return keys.computeIfAbsent(
                        new Request(slot, spec).key(), k -> CompletableFuture.completedFuture(generate(spec)))
                .join();
    }

    /**
     * Starts generating the requested keys on up to {@code threads} background threads; later
     * {@link #get} calls wait for them. No effect without reuse (each get must then be fresh).
     */
    void prefetch(List<Request> requests, int threads) {
        if (!reuse || threads < 2) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tlslab-ca-keygen");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Request r : requests) {
                keys.computeIfAbsent(r.key(), k -> CompletableFuture.supplyAsync(() -> generate(r.spec()), pool));
            }
        } finally {
            pool.shutdown(); // queued generations still run; the threads end when done
        }
    }

    int generated() {
        return generated.get();
    }

    private KeyPair generate(KeySpec spec) {
        generated.incrementAndGet();
        return spec.generate();
    }
}
