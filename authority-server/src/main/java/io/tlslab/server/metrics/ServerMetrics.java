package io.tlslab.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The server's metrics (Micrometer, scraped as Prometheus text from the console's {@code /metrics}
 * behind sign-in): handshakes by listener, outcome, reason and engine; handshake latency;
 * connections; devices by strict/audit state; certificate days to expiry; active warnings.
 */
public final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Counts a handshake and, when given, records its latency. Called once per handshake on the event
     * loop: the meters are looked up in a map keyed by their tag values instead of being rebuilt
     * (tags sorted, id hashed, registry consulted) every time.
     */
    public void handshake(String listener, String engine, String outcome, String reason, Duration latency) {
        handshakeCounters
                .computeIfAbsent(
                        new HandshakeKey(listener, engine, outcome, reason),
                        k -> Counter.builder("tlslab.handshakes")
                                .description("TLS handshakes on the messaging listeners")
                                .tags(
                                        "listener",
                                        k.listener(),
                                        "engine",
                                        k.engine(),
                                        "outcome",
                                        k.outcome(),
                                        "reason",
                                        k.reason())
                                .register(registry))
                .increment();
        if (latency != null) {
            latencyTimers
                    .computeIfAbsent(
                            new HandshakeKey(listener, engine, "", ""),
                            k -> Timer.builder("tlslab.handshake.latency")
                                    .description(
                                            "admission to TLS handshake completion (a wait in the handshake queue not included)")
                                    .tags("listener", k.listener(), "engine", k.engine())
                                    .publishPercentileHistogram()
                                    .register(registry))
                    .record(latency);
        }
    }

    private record HandshakeKey(String listener, String engine, String outcome, String reason) {}

    private final Map<HandshakeKey, Counter> handshakeCounters = new ConcurrentHashMap<>();
    private final Map<HandshakeKey, Timer> latencyTimers = new ConcurrentHashMap<>();

    public void refused(String listener, String why) {
        Counter.builder("tlslab.connections.refused")
                .tags("listener", listener, "why", why)
                .register(registry)
                .increment();
    }

    /** A counter registered once, for callers that keep it (no lookup per increment). */
    public Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    /** A timer (count, total, max; no histogram) registered once, for callers that keep it. */
    public Timer timer(String name, String description, String... tags) {
        return Timer.builder(name).description(description).tags(tags).register(registry);
    }

    public void protocolError(String listener, String kind) {
        Counter.builder("tlslab.protocol.errors")
                .tags("listener", listener, "kind", kind)
                .register(registry)
                .increment();
    }

    public void gauge(String name, String description, Supplier<Number> value, String... tags) {
        io.micrometer.core.instrument.Gauge.builder(name, value)
                .description(description)
                .tags(tags)
                .register(registry);
    }

    public String scrape() {
        return registry.scrape();
    }
}
