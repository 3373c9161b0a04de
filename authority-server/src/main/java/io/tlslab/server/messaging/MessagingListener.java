package io.tlslab.server.messaging;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tlslab.protocol.wire.Message;
import io.tlslab.server.config.ServerConfig;
import io.tlslab.server.metrics.ServerMetrics;
import io.tlslab.tls.TlsContexts;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.Transport;
import io.tlslab.tls.identity.ServedIdentity;
import io.tlslab.tls.tickets.TicketKeyRing;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;

/**
 * One TLS message-protocol listener (4287 or 4288). The pipeline, one job per handler: admission
 * control (the rest is added only once it lets the connection in, see {@link AdmittedPipeline}), TLS, the handshake log line, framing, the HELLO gate (replaced after HELLO by keep-alive/idle
 * and the session), and the error handler. The served key and chain can be swapped at run time; new connections get
 * the new one.
 */
public final class MessagingListener implements AutoCloseable {
    /**
     * Per connection, for its whole life, tcnative keeps a native buffer of this size for the TLS bytes
     * BoringSSL writes while Netty is reading (the handshake flight, tickets, alerts); Netty's default is
     * 2,048. An idle endpoint never needs it, and a larger flight is passed on in pieces, so 512 saves
     * ~1.5 KB of native memory per held connection (measured: 7.3 -> 5.7 KB outside the Java heap).
     */
    static final int NON_APPLICATION_BUFFER_BYTES = 512;

    private final ListenerKind kind;
    private final ServerConfig config;
    private final TlsEngine engine;
    private final ServerMetrics metrics;
    private final TrustManager clientTrust;
    private final Function<Message.Hello, HelloGate.Session> sessions;
    private final AtomicReference<SslContext> context = new AtomicReference<>();
    private final AtomicReference<ServedIdentity> identity = new AtomicReference<>();
    private final Admission admission;
    private final TicketKeyRing tickets;
    private ScheduledFuture<?> ticketRotation;
    private final List<Channel> channels = new ArrayList<>();

    /**
     * Every connection accepted and still open, so that {@link #close} hangs up on each itself. Shutting
     * the event loops down was not enough: Netty 4.2 loops ended with {@code shutdownGracefully(0, ...)}
     * were seen to leave some accepted sockets open, and endpoints held on to a stopped server until their
     * idle timeout instead of reconnecting to the restarted one.
     */
    private final ChannelGroup connections;

    /** How long {@link #close} waits for its connections to close. */
    private static final long CLOSE_WAIT_SECONDS = 5;

    /**
     * @param clientTrust null for 4287 (endpoints are not asked for certificates); for 4288 the
     *                    trust manager that requires and judges the peer's certificate
     */
    public MessagingListener(
            ListenerKind kind,
            ServerConfig config,
            ServedIdentity served,
            TrustManager clientTrust,
            ServerMetrics metrics,
            Function<Message.Hello, HelloGate.Session> sessions,
            int maxConnections)
            throws SSLException {
        this.kind = kind;
        this.config = config;
        this.engine = config.engine();
        this.metrics = metrics;
        this.clientTrust = clientTrust;
        this.sessions = sessions;
        this.tickets = new TicketKeyRing(config.ticketKeyRotation());
        this.connections = new DefaultChannelGroup(kind.label(), GlobalEventExecutor.INSTANCE);
        this.admission = new Admission(
                kind.label(),
                new Admission.Limits(
                        maxConnections,
                        config.maxHandshakesInFlight(),
                        config.maxConnectionsPerAddress(),
                        config.maxHandshakesPerAddress(),
                        config.maxQueuedHandshakes(),
                        config.maxQueuedHandshakesPerAddress(),
                        config.handshakeQueueWait()),
                metrics);
        present(served);
    }

    /** Serves this key and chain, exactly as given, to every new connection from now on. */
    public void present(ServedIdentity served) throws SSLException {
        SslContext ctx = clientTrust == null
                ? TlsContexts.server(served, engine)
                : TlsContexts.mutualServer(served, engine, clientTrust);
        tickets.apply(ctx);
        if (ctx instanceof ReferenceCountedOpenSslContext openSsl) {
            openSsl.setBioNonApplicationBufferSize(NON_APPLICATION_BUFFER_BYTES);
        }
        context.set(ctx);
        identity.set(served);
    }

    /** The current TLS context (each new connection's engine comes from it). */
    SslContext context() {
        return context.get();
    }

    public ServedIdentity presented() {
        return identity.get();
    }

    public TlsEngine engine() {
        return engine;
    }

    public int openConnections() {
        return admission.openConnections();
    }

    public Admission admission() {
        return admission;
    }

    public int bind(EventLoopGroup boss, EventLoopGroup workers, int port) throws InterruptedException {
        ListenerPipeline pipeline = new ListenerPipeline(
                kind,
                engine.name(),
                context::get,
                connections,
                admission,
                metrics,
                sessions,
                config.handshakeTimeout(),
                config.helloTimeout(),
                KeepAliveTimer.Timing.of(config.idleTimeout(), config.pingInterval()));
        long every = tickets.rotation().toMillis();
        ticketRotation = workers.next().scheduleAtFixedRate(tickets::rotate, every, every, TimeUnit.MILLISECONDS);
        int sockets = config.acceptLoops().sockets(loops(workers), Transport.epoll());
        if (sockets > 0) {
            return bindReusePort(workers, port, pipeline, sockets);
        }
        return listen(bootstrap(boss, workers, pipeline).option(ChannelOption.SO_REUSEADDR, true), port);
    }

    private static ServerBootstrap bootstrap(
            EventLoopGroup acceptor, EventLoopGroup workers, ChannelInitializer<Channel> pipeline) {
        return new ServerBootstrap()
                .group(acceptor, workers)
                .channel(Transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                // no TCP_NODELAY child option: Netty's epoll and NIO socket configs already set it on every
                // accepted socket, and setting it again costs one more syscall per connection
                .childHandler(pipeline);
    }

    private int listen(ServerBootstrap b, int port) throws InterruptedException {
        Channel channel = Binding.bind(b, config.bind(), port, kind.label());
        channels.add(channel);
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /**
     * SO_REUSEPORT: several listening sockets on one port, the kernel spreading new connections over
     * them; each socket accepts on one event loop and keeps its connections there, which saves the
     * hand-over (a task queue and a wake-up) of a connection from the accepting thread to a worker.
     */
    private int bindReusePort(EventLoopGroup workers, int port, ChannelInitializer<Channel> pipeline, int loops)
            throws InterruptedException {
        if (port != 0) {
            Binding.ensureFree(config.bind(), port, kind.label());
        }
        int bound = port;
        Iterator<EventExecutor> executors = workers.iterator();
        for (int i = 0; i < loops; i++) {
            if (!executors.hasNext()) {
                executors = workers.iterator();
            }
            EventLoop loop = (EventLoop) executors.next();
            // SO_REUSEADDR as on the single listener: a restart must not wait out the old connections' TIME_WAIT
            bound = listen(
                    bootstrap(loop, loop, pipeline)
                            .option(ChannelOption.SO_REUSEADDR, true)
                            .option(EpollChannelOption.SO_REUSEPORT, true),
                    bound);
        }
        return bound;
    }

    private static int loops(EventLoopGroup workers) {
        int n = 0;
        for (EventExecutor ignored : workers) {
            n++;
        }
        return n;
    }

    /**
     * Closes every accepted connection on its own event loop, one task per loop, as the loop's own
     * shutdown does: the socket only, no TLS close_notify first. A server going away gains nothing from
     * telling each endpoint in TLS, and with 15,000 held endpoints the close_notify doubled the time the
     * port stayed closed during a restart (1.4-1.6 s against 0.8 s), which every refused endpoint pays in
     * back-off. Waits at most {@link #CLOSE_WAIT_SECONDS}.
     */
    private void closeAccepted() {
        Map<EventLoop, List<Channel>> byLoop = new HashMap<>();
        for (Channel ch : connections) {
            byLoop.computeIfAbsent(ch.eventLoop(), l -> new ArrayList<>()).add(ch);
        }
        List<Future<?>> closing = new ArrayList<>();
        byLoop.forEach((loop, accepted) -> {
            try {
                closing.add(loop.submit(() ->
                        accepted.forEach(ch -> ch.unsafe().close(ch.unsafe().voidPromise()))));
            } catch (RejectedExecutionException stopped) {
                // the loop has stopped already (closed after the server's loops): nothing runs there any more
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_WAIT_SECONDS);
        for (Future<?> f : closing) {
            f.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void close() {
        if (ticketRotation != null) {
            ticketRotation.cancel(false);
        }
        for (Channel channel : channels) {
            channel.close().syncUninterruptibly();
        }
        // listening sockets first, so that nothing joins the group while it is being closed
        closeAccepted();
    }
}
