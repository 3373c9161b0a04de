package io.tlslab.server.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import io.tlslab.protocol.settings.Durations;
import io.tlslab.server.metrics.ServerMetrics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission control, first in the pipeline. A new connection is closed at once, before any TLS work,
 * when its address already holds its share of connections or when the listener is full. Beyond the
 * handshakes-in-progress limits (overall, and per address) it is not closed but held: reading paused,
 * nothing but this handler and {@link AdmittedPipeline} in its pipeline, in a bounded fair queue
 * ({@link HandshakeSlots}: first in first out per address, the addresses in turn); when a handshake
 * ends, the next waiter's pipeline is built and its reading resumed. It is closed only when the queue
 * (or its address's part of it) is full, or when it waited longer than the queue wait. The per-address
 * shares keep one address (2,000 stalled sockets, say) from taking the slots or the queue places every
 * other endpoint needs. Per connection the cost is one hash-map update at accept and at close and a
 * short lock at accept and at handshake end. Refusals are counted; one warning at most every 5 s names
 * the listener and the addresses holding the most slots, one note at most every 5 s says the queue is in
 * use.
 */
@ChannelHandler.Sharable
public final class Admission extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(Admission.class);
    private static final AttributeKey<Ticket> TICKET = AttributeKey.valueOf("tlslab.admission");
    private static final long EVERY_NANOS = 5_000_000_000L;

    /**
     * The limits of one listener.
     *
     * @param maxQueuedHandshakes           connections waiting for a handshake slot, in all; 0 closes
     *                                      every connection beyond the handshake limits at once
     * @param maxQueuedHandshakesPerAddress connections one address may have waiting
     * @param maxQueueWait                  how long a connection may wait before it is closed
     */
    public record Limits(
            int maxConnections,
            int maxHandshakes,
            int maxConnectionsPerAddress,
            int maxHandshakesPerAddress,
            int maxQueuedHandshakes,
            int maxQueuedHandshakesPerAddress,
            Duration maxQueueWait) {
        public Limits {
            if (maxQueuedHandshakes < 0 || maxQueuedHandshakesPerAddress < 0) {
                throw new IllegalArgumentException("handshake queue limits must not be negative");
            }
            if (maxQueueWait.isNegative() || maxQueueWait.isZero()) {
                throw new IllegalArgumentException("handshake queue wait must be positive, got " + maxQueueWait);
            }
        }
    }

    /**
     * One counted connection. Its fields change on its own event loop only; the queue merely hands a
     * ticket to that loop when a slot was taken for it.
     */
    private static final class Ticket {
        final ChannelHandlerContext ctx;
        final InetAddress address;
        long queuedAt;
        ScheduledFuture<?> timeout;
        /** In the queue, or taken out of it with a slot whose {@link #startAfterWait} has not run yet. */
        boolean waiting;
        /** Holds a handshake slot and its handshake has not ended. */
        boolean handshaking;
        /** The connection closed while its slot was on the way: the slot is already given back. */
        boolean gone;

        Ticket(ChannelHandlerContext ctx, InetAddress address) {
            this.ctx = ctx;
            this.address = address;
        }
    }

    /** Connections one address holds; only ever changed inside the map's compute (atomic per address). */
    private static final class Held {
        volatile int connections;
    }

    private static final BiFunction<InetAddress, Held, Held> OPEN = (a, h) -> {
        Held held = h == null ? new Held() : h;
        held.connections++;
        return held;
    };
    private static final BiFunction<InetAddress, Held, Held> CLOSED = (a, h) -> {
        h.connections--;
        return h.connections <= 0 ? null : h;
    };

    private final String listener;
    private final Limits limits;
    private final ServerMetrics metrics;
    private final HandshakeSlots<Ticket> slots;
    private final AtomicInteger connections = new AtomicInteger();
    private final Map<InetAddress, Held> byAddress = new ConcurrentHashMap<>();
    private final Counter queuedCount;
    private final Timer queueWait;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - EVERY_NANOS);
    private final AtomicLong refusedSinceWarning = new AtomicLong();
    private final AtomicLong lastQueueNote = new AtomicLong(System.nanoTime() - EVERY_NANOS);
    private final AtomicLong queuedSinceNote = new AtomicLong();

    public Admission(String listener, Limits limits, ServerMetrics metrics) {
        this.listener = listener;
        this.limits = limits;
        this.metrics = metrics;
        this.slots = new HandshakeSlots<>(
                limits.maxHandshakes(),
                limits.maxHandshakesPerAddress(),
                limits.maxQueuedHandshakes(),
                limits.maxQueuedHandshakesPerAddress());
        metrics.gauge("tlslab.connections.open", "open connections", connections::get, "listener", listener);
        metrics.gauge(
                "tlslab.handshakes.inflight", "TLS handshakes in progress", slots::inFlight, "listener", listener);
        metrics.gauge(
                "tlslab.handshakes.waiting",
                "connections waiting in the handshake queue",
                slots::queued,
                "listener",
                listener);
        metrics.gauge(
                "tlslab.connections.addresses",
                "distinct client addresses holding connections",
                byAddress::size,
                "listener",
                listener);
        this.queuedCount = metrics.counter(
                "tlslab.handshakes.queued",
                "connections that found every handshake slot taken and waited in the queue",
                "listener",
                listener);
        this.queueWait = metrics.timer(
                "tlslab.handshakes.queue.wait",
                "time in the handshake queue of each connection admitted after waiting",
                "listener",
                listener);
    }

    public Limits limits() {
        return limits;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        Channel ch = ctx.channel();
        InetAddress address = addressOf(ch.remoteAddress());
        Held held = byAddress.compute(address, OPEN);
        if (held.connections > limits.maxConnectionsPerAddress()) {
            byAddress.computeIfPresent(address, CLOSED);
            refuse(
                    ctx,
                    address,
                    "per-address connection limit " + limits.maxConnectionsPerAddress(),
                    "connections_per_address");
            return;
        }
        if (connections.incrementAndGet() > limits.maxConnections()) {
            connections.decrementAndGet();
            byAddress.computeIfPresent(address, CLOSED);
            refuse(ctx, address, "connection limit " + limits.maxConnections(), "connections");
            return;
        }
        // counted from here on: channelInactive gives back the connection and whatever slot it holds
        Ticket ticket = new Ticket(ctx, address);
        ch.attr(TICKET).set(ticket);
        switch (slots.acquire(address, ticket)) {
            case ADMITTED -> {
                ticket.handshaking = true;
                super.channelActive(ctx);
            }
            case QUEUED -> hold(ticket);
            case QUEUE_FULL ->
                refuse(
                        ctx,
                        address,
                        "handshakes-in-progress limit " + limits.maxHandshakes() + " and handshake queue limit "
                                + limits.maxQueuedHandshakes(),
                        "handshake_queue_full");
            case ADDRESS_QUEUE_FULL ->
                refuse(
                        ctx,
                        address,
                        "per-address handshakes-in-progress limit " + limits.maxHandshakesPerAddress()
                                + " and per-address handshake queue limit " + limits.maxQueuedHandshakesPerAddress(),
                        "handshake_queue_full_per_address");
        }
    }

    /** Every slot is taken: the connection waits, reading paused (the head reads only after this returns). */
    private void hold(Ticket ticket) {
        Channel ch = ticket.ctx.channel();
        ch.config().setAutoRead(false);
        ticket.waiting = true;
        ticket.queuedAt = System.nanoTime();
        ticket.timeout = ticket.ctx
                .executor()
                .schedule(() -> waitedTooLong(ticket), limits.maxQueueWait().toNanos(), TimeUnit.NANOSECONDS);
        queuedCount.increment();
        long queued = queuedSinceNote.incrementAndGet();
        if (due(lastQueueNote)) {
            queuedSinceNote.addAndGet(-queued);
            log.info(
                    "listener {} holding new connections in the handshake queue: {} handshakes in progress (limit {},"
                            + " {} per address), {} waiting (limit {}, {} per address, at most {}); {} queued since"
                            + " the last note (logged at most every 5 s)",
                    listener,
                    slots.inFlight(),
                    limits.maxHandshakes(),
                    limits.maxHandshakesPerAddress(),
                    slots.queued(),
                    limits.maxQueuedHandshakes(),
                    limits.maxQueuedHandshakesPerAddress(),
                    Durations.format(limits.maxQueueWait()),
                    queued);
        }
    }

    /** On the ticket's event loop: a slot was taken for it, unless the connection is already gone. */
    private void startAfterWait(Ticket ticket) {
        if (ticket.gone) {
            return; // channelInactive gave the slot back
        }
        ticket.waiting = false;
        ticket.handshaking = true;
        ticket.timeout.cancel(false);
        Channel ch = ticket.ctx.channel();
        if (ch.isActive()) { // else closing: channelInactive, queued behind this, gives the slot back
            queueWait.record(System.nanoTime() - ticket.queuedAt, TimeUnit.NANOSECONDS);
            ticket.ctx.fireChannelActive();
            ch.config().setAutoRead(true); // reads now, with the TLS handler in place
        }
    }

    /** On the ticket's event loop, after the queue wait: closed unless a slot was taken for it meanwhile. */
    private void waitedTooLong(Ticket ticket) {
        if (ticket.waiting && slots.cancel(ticket.address, ticket)) {
            ticket.waiting = false;
            refuse(
                    ticket.ctx,
                    ticket.address,
                    "handshake queue wait " + Durations.format(limits.maxQueueWait()),
                    "handshake_queue_timeout");
        }
    }

    /** The TLS handshake ended (either way): the slot goes to the next waiter. */
    public void handshakeDone(Channel ch) {
        Ticket ticket = ch.attr(TICKET).get();
        if (ticket != null && ticket.handshaking) {
            ticket.handshaking = false;
            startWaiters(slots.release(ticket.address));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Ticket ticket = ctx.channel().attr(TICKET).getAndSet(null);
        if (ticket != null) {
            if (ticket.handshaking) {
                ticket.handshaking = false;
                startWaiters(slots.release(ticket.address));
            } else if (ticket.waiting) {
                ticket.waiting = false;
                ticket.timeout.cancel(false);
                if (!slots.cancel(ticket.address, ticket)) {
                    // a slot was taken for it and its start is on the way: give the slot back now
                    ticket.gone = true;
                    startWaiters(slots.release(ticket.address));
                }
            }
            connections.decrementAndGet();
            byAddress.computeIfPresent(ticket.address, CLOSED);
        }
        super.channelInactive(ctx);
    }

    private void startWaiters(List<Ticket> admitted) {
        for (Ticket next : admitted) {
            try {
                next.ctx.executor().execute(() -> startAfterWait(next));
            } catch (RejectedExecutionException shuttingDown) {
                // the event loop is stopping with the server: its connections close with it
            }
        }
    }

    public int openConnections() {
        return connections.get();
    }

    /** Connections the address holds now (0 when none), waiting ones included. */
    public int connectionsFrom(InetAddress address) {
        Held h = byAddress.get(address);
        return h == null ? 0 : h.connections;
    }

    /** Handshakes in progress on this listener now. */
    public int handshakesInProgress() {
        return slots.inFlight();
    }

    /** Connections waiting in this listener's handshake queue now. */
    public int waiting() {
        return slots.queued();
    }

    private void refuse(ChannelHandlerContext ctx, InetAddress address, String limit, String why) {
        metrics.refused(listener, why);
        long refused = refusedSinceWarning.incrementAndGet();
        if (due(lastWarning)) {
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

    private static boolean due(AtomicLong last) {
        long now = System.nanoTime();
        long then = last.get();
        return now - then >= EVERY_NANOS && last.compareAndSet(then, now);
    }

    /** Only when warning (at most every 5 s): the one place that walks every address. */
    private String topHolders(int n) {
        return byAddress.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<InetAddress, Held> e) -> e.getValue().connections)
                        .reversed())
                .limit(n)
                .map(e -> e.getKey().getHostAddress() + " (" + e.getValue().connections + " connections, "
                        + slots.inFlightFrom(e.getKey()) + " handshaking, " + slots.queuedFrom(e.getKey())
                        + " waiting)")
                .collect(Collectors.joining(", "));
    }

    private static InetAddress addressOf(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress();
        }
        return InetAddress.getLoopbackAddress(); // embedded/local channels in tests: one bucket
    }
}
