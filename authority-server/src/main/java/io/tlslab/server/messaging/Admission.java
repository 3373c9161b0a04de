package io.tlslab.server.messaging;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.tlslab.server.metrics.ServerMetrics;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission control, first in the pipeline: beyond the connection limit or the handshakes-in-flight
 * limit a new connection is closed at once, before any TLS work, so an overload sheds the excess
 * instead of slowing every handshake down. Refusals are counted; the log line is rate-limited.
 */
@ChannelHandler.Sharable
public final class Admission extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(Admission.class);
    private static final AttributeKey<Boolean> COUNTED = AttributeKey.valueOf("tlslab.admitted");
    private static final AttributeKey<Boolean> HANDSHAKING = AttributeKey.valueOf("tlslab.handshaking");

    private final String listener;
    private final int maxConnections;
    private final int maxHandshakes;
    private final ServerMetrics metrics;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final AtomicLong lastWarning = new AtomicLong();

    public Admission(String listener, int maxConnections, int maxHandshakes, ServerMetrics metrics) {
        this.listener = listener;
        this.maxConnections = maxConnections;
        this.maxHandshakes = maxHandshakes;
        this.metrics = metrics;
        metrics.gauge("tlslab.connections.open", "open connections", connections::get, "listener", listener);
        metrics.gauge("tlslab.handshakes.inflight", "TLS handshakes in progress", handshakes::get, "listener", listener);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (connections.incrementAndGet() > maxConnections) {
            connections.decrementAndGet();
            refuse(ctx, "connection limit " + maxConnections, "connections");
            return;
        }
        ctx.channel().attr(COUNTED).set(true);
        if (handshakes.incrementAndGet() > maxHandshakes) {
            handshakes.decrementAndGet();
            refuse(ctx, "handshakes-in-flight limit " + maxHandshakes, "handshakes");
            return;
        }
        ctx.channel().attr(HANDSHAKING).set(true);
        super.channelActive(ctx);
    }

    /** The TLS handshake ended (either way): the slot is free for the next one. */
    public void handshakeDone(Channel ch) {
        if (Boolean.TRUE.equals(ch.attr(HANDSHAKING).getAndSet(false))) {
            handshakes.decrementAndGet();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        handshakeDone(ctx.channel());
        if (Boolean.TRUE.equals(ctx.channel().attr(COUNTED).getAndSet(false))) {
            connections.decrementAndGet();
        }
        super.channelInactive(ctx);
    }

    public int openConnections() {
        return connections.get();
    }

    private void refuse(ChannelHandlerContext ctx, String limit, String why) {
        metrics.refused(listener, why);
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last > 5_000_000_000L && lastWarning.compareAndSet(last, now)) {
            log.warn("listener {} refusing new connections from {}: {} reached (logged at most every 5 s)",
                    listener, ctx.channel().remoteAddress(), limit);
        }
        ctx.close();
    }
}
