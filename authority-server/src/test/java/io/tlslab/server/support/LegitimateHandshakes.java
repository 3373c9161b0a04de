package io.tlslab.server.support;

import io.tlslab.protocol.wire.Message;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Legitimate endpoints: full TLS handshake, HELLO, settings received, from source addresses
 * 127.0.1.1 .. 127.0.1.n (never the attacker's). Bounded in count, and each attempt in time.
 */
public final class LegitimateHandshakes {

    public record Result(int attempted, int succeeded, List<String> failures) {}

    private LegitimateHandshakes() {}

    public static Result run(int port, int count, int addresses, int parallel, Duration eachTimeout) throws Exception {
        AtomicInteger ok = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                all.add(pool.submit(() -> {
                    InetAddress from = addressFor(n % addresses);
                    try (TestEndpoint e = TestEndpoint.connectFrom(from, port, (int) eachTimeout.toMillis())) {
                        e.hello("legit-" + n, "6.5");
                        e.read(Message.Settings.class);
                        ok.incrementAndGet();
                    } catch (Exception ex) {
                        if (failures.size() < 10) {
                            failures.add(from.getHostAddress() + ": " + ex);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get(eachTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(count, ok.get(), failures);
    }

    public static InetAddress addressFor(int i) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, (byte) (1 + i / 250), (byte) (1 + i % 250)});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
