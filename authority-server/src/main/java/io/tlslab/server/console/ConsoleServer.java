package io.tlslab.server.console;

import io.tlslab.tls.TlsContexts;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.channel.ChannelFutureListener;
import io.tlslab.tls.identity.ServedIdentity;
import io.tlslab.tls.TlsEngine;
import io.tlslab.server.console.auth.LoginThrottle;
import io.tlslab.server.console.auth.Sessions;
import io.tlslab.tls.Transport;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * The HTTPS console (4285) and the optional plain-HTTP port (4280) that only redirects to it. The
 * console certificate can be replaced while running: new connections get the new one.
 */
public final class ConsoleServer implements AutoCloseable {
    /** Largest request accepted: a keystore upload in base64 fits comfortably. */
    static final int MAX_REQUEST_BYTES = 8 * 1024 * 1024;

    private final ConsoleBackend backend;
    private final TlsEngine engine;
    private final long hstsMaxAge;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final AtomicReference<SslContext> context = new AtomicReference<>();
    private final EventExecutorGroup handlers = new DefaultEventExecutorGroup(2);
    private final ChannelGroup connections = new DefaultChannelGroup("console", GlobalEventExecutor.INSTANCE);
    private Channel https;
    private Channel redirect;
    private int httpsPort;

    public ConsoleServer(ConsoleBackend backend, ServedIdentity identity, TlsEngine engine, long hstsMaxAge, Clock clock)
            throws SSLException {
        this.backend = backend;
        this.engine = engine;
        this.hstsMaxAge = hstsMaxAge;
        this.sessions = new Sessions(clock);
        this.throttle = new LoginThrottle(clock);
        present(identity);
    }

    public void present(ServedIdentity identity) throws SSLException {
        context.set(TlsContexts.server(identity, engine));
    }

    public int bind(EventLoopGroup boss, EventLoopGroup workers, String host, int port) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap().group(boss, workers).channel(Transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast("tls", context.get().newHandler(ch.alloc()));
                        ch.pipeline().addLast("timeout", new ReadTimeoutHandler(120));
                        ch.pipeline().addLast("http", new HttpServerCodec());
                        ch.pipeline().addLast("aggregate", new HttpObjectAggregator(MAX_REQUEST_BYTES));
                        ch.pipeline().addLast(handlers, "console", new ConsoleHandler(backend, sessions, throttle, hstsMaxAge));
                    }
                });
        https = io.tlslab.server.messaging.Binding.bind(b, host, port, "console");
        httpsPort = ((InetSocketAddress) https.localAddress()).getPort();
        return httpsPort;
    }

    /** Plain HTTP that answers every request with a redirect to the HTTPS console (never HSTS). */
    public int bindRedirect(EventLoopGroup boss, EventLoopGroup workers, String host, int port) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap().group(boss, workers).channel(Transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ReadTimeoutHandler(30), new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                                        String hostHeader = req.headers().get(HttpHeaderNames.HOST, host);
                                        String name = hostHeader.startsWith("[") ? hostHeader.substring(0, hostHeader.indexOf(']') + 1)
                                                : hostHeader.split(":")[0];
                                        FullHttpResponse r = HttpResponses.redirect("https://" + name + ":" + httpsPort + req.uri());
                                        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
                                    }
                                });
                    }
                });
        redirect = io.tlslab.server.messaging.Binding.bind(b, host, port, "console redirect");
        return ((InetSocketAddress) redirect.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (https != null) {
            https.close().syncUninterruptibly();
        }
        if (redirect != null) {
            redirect.close().syncUninterruptibly();
        }
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    /**
     * Stops the executor the console handlers run on. Call after the event loops are shut down, so
     * no late event of a closing connection finds it gone.
     */
    public void shutdownHandlers() {
        handlers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
