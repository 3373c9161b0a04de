package io.tlslab.server.messaging;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.tlslab.server.metrics.ServerMetrics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission control, first in the pipeline: a new connection is closed at once, before any TLS
 * work, when its address already holds its share of connections or of handshakes in progress, or
 * when the listener is full. The per-address shares keep one address (2,000 stalled sockets, say)
 * from taking the slots every other endpoint needs. Per connection the cost is one hash-map update
 * at accept, at handshake end and at close. Refusals are counted; one warning at most every 5 s
 * names the listener and the addresses holding the most slots.
 */
@ChannelHandler.Sharable
public final class Admission extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(Admission.class);
    private static final AttributeKey<InetAddress> COUNTED = AttributeKey.valueOf("tlslab.admitted");
    private static final AttributeKey<Boolean> HANDSHAKING = AttributeKey.valueOf("tlslab.handshaking");
    private static final long WARN_EVERY_NANOS = 5_000_000_000L;

    /** The limits of one listener. */
    public record Limits(
            int maxConnections, int maxHandshakes, int maxConnectionsPerAddress, int maxHandshakesPerAddress) {}

    /** Slots one address holds; only ever changed inside the map's compute (atomic per address). */
    private static final class Held {
        volatile int connections;
        volatile int handshakes;
    }

    private static final BiFunction<InetAddress, Held, Held> OPEN = (a, h) -> {
        Held held = h == null ? new Held() : h;
        held.connections++;
        held.handshakes++;
        return held;
    };
    private static final BiFunction<InetAddress, Held, Held> HANDSHAKE_ENDED = (a, h) -> {
        h.handshakes--;
        return h;
    };
    private static final BiFunction<InetAddress, Held, Held> CLOSED = (a, h) -> {
        h.connections--;
        return h.connections <= 0 && h.handshakes <= 0 ? null : h;
    };
    private static final BiFunction<InetAddress, Held, Held> CLOSED_HANDSHAKING = (a, h) -> {
        h.connections--;
        h.handshakes--;
        return h.connections <= 0 && h.handshakes <= 0 ? null : h;
    };

    private final String listener;
    private final Limits limits;
    private final ServerMetrics metrics;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final Map<InetAddress, Held> byAddress = new ConcurrentHashMap<>();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private final AtomicLong refusedSinceWarning = new AtomicLong();

    public Admission(String listener, Limits limits, ServerMetrics metrics) {
        this.listener = listener;
        this.limits = limits;
        this.metrics = metrics;
        metrics.gauge("tlslab.connections.open", "open connections", connections::get, "listener", listener);
        metrics.gauge(
                "tlslab.handshakes.inflight", "TLS handshakes in progress", handshakes::get, "listener", listener);
        metrics.gauge(
                "tlslab.connections.addresses",
                "distinct client addresses holding connections",
                byAddress::size,
                "listener",
                listener);
    }

    public Limits limits() {
        return limits;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        InetAddress address = addressOf(ctx.channel().remoteAddress());
        Held held = byAddress.compute(address, OPEN);
        if (held.connections > limits.maxConnectionsPerAddress()) {
            byAddress.computeIfPresent(address, CLOSED_HANDSHAKING);
            refuse(
                    ctx,
                    address,
                    "per-address connection limit " + limits.maxConnectionsPerAddress(),
                    "connections_per_address");
            return;
        }
        if (held.handshakes > limits.maxHandshakesPerAddress()) {
            byAddress.computeIfPresent(address, CLOSED_HANDSHAKING);
            refuse(
                    ctx,
                    address,
                    "per-address handshakes-in-progress limit " + limits.maxHandshakesPerAddress(),
                    "handshakes_per_address");
            return;
        }
        if (connections.incrementAndGet() > limits.maxConnections()) {
            connections.decrementAndGet();
            byAddress.computeIfPresent(address, CLOSED_HANDSHAKING);
            refuse(ctx, address, "connection limit " + limits.maxConnections(), "connections");
            return;
        }
        if (handshakes.incrementAndGet() > limits.maxHandshakes()) {
            handshakes.decrementAndGet();
            connections.decrementAndGet();
            byAddress.computeIfPresent(address, CLOSED_HANDSHAKING);
            refuse(ctx, address, "handshakes-in-flight limit " + limits.maxHandshakes(), "handshakes");
            return;
        }
        ctx.channel().attr(COUNTED).set(address);
        ctx.channel().attr(HANDSHAKING).set(true);
        super.channelActive(ctx);
    }

    /** The TLS handshake ended (either way): the slot is free for the next one. */
    public void handshakeDone(Channel ch) {
        if (Boolean.TRUE.equals(ch.attr(HANDSHAKING).getAndSet(false))) {
            handshakes.decrementAndGet();
            InetAddress address = ch.attr(COUNTED).get();
            if (address != null) {
                byAddress.computeIfPresent(address, HANDSHAKE_ENDED);
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Channel ch = ctx.channel();
        InetAddress address = ch.attr(COUNTED).getAndSet(null);
        if (address != null) {
            boolean handshaking = Boolean.TRUE.equals(ch.attr(HANDSHAKING).getAndSet(false));
            if (handshaking) {
                handshakes.decrementAndGet();
            }
            connections.decrementAndGet();
            byAddress.computeIfPresent(address, handshaking ? CLOSED_HANDSHAKING : CLOSED);
        }
        super.channelInactive(ctx);
    }

    public int openConnections() {
        return connections.get();
    }

    /** Connections the address holds now (0 when none). */
    public int connectionsFrom(InetAddress address) {
        Held h = byAddress.get(address);
        return h == null ? 0 : h.connections;
    }

    private void refuse(ChannelHandlerContext ctx, InetAddress address, String limit, String why) {
        metrics.refused(listener, why);
        long refused = refusedSinceWarning.incrementAndGet();
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            refusedSinceWarning.addAndGet(-refused);
            log.warn(
                    "listener {} refusing new connections: {} reached (last refused: {}); {} refused since the last"
                            + " warning; addresses holding the most slots: {} (logged at most every 5 s)",
                    listener,
                    limit,
                    address.getHostAddress(),
                    refused,
                    topHolders(3));
        }
        ctx.close();
    }

    /** Only when warning (at most every 5 s): the one place that walks every address. */
    private String topHolders(int n) {
        return byAddress.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<InetAddress, Held> e) -> e.getValue().connections)
                        .reversed())
                .limit(n)
                .map(e -> e.getKey().getHostAddress() + " (" + e.getValue().connections + " connections, "
                        + e.getValue().handshakes + " handshaking)")
                .collect(Collectors.joining(", "));
    }

    private static InetAddress addressOf(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress();
        }
        return InetAddress.getLoopbackAddress(); // embedded/local channels in tests: one bucket
    }
}
