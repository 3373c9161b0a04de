package io.tlslab.server.console;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tlslab.server.console.auth.LoginThrottle;
import io.tlslab.server.console.auth.Sessions;
import io.tlslab.tls.TlsContexts;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.Transport;
import io.tlslab.tls.identity.ServedIdentity;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;

/**
 * The HTTPS console (4285) and the optional plain-HTTP port (4280) that only redirects to it. The
 * console certificate can be replaced while running: new connections get the new one.
 */
public final class ConsoleServer implements AutoCloseable {
    private final ConsoleBackend backend;
    private final TlsEngine engine;
    private final long hstsMaxAge;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final AtomicReference<SslContext> context = new AtomicReference<>();
    private final EventExecutorGroup handlers = new DefaultEventExecutorGroup(2);
    private final SignInHashing signInHashing = SignInHashing.bounded();
    private final ChannelGroup connections = new DefaultChannelGroup("console", GlobalEventExecutor.INSTANCE);
    private Channel https;
    private Channel redirect;
    private volatile int httpsPort;
    private volatile String publicHost;

    public ConsoleServer(
            ConsoleBackend backend, ServedIdentity identity, TlsEngine engine, long hstsMaxAge, Clock clock)
            throws SSLException {
        this.backend = backend;
        this.engine = engine;
        this.hstsMaxAge = hstsMaxAge;
        this.sessions = backend.admins().sessions();
        this.throttle = new LoginThrottle(clock);
        present(identity);
    }

    public void present(ServedIdentity identity) throws SSLException {
        context.set(TlsContexts.server(identity, engine));
    }

    public int bind(EventLoopGroup boss, EventLoopGroup workers, String host, int port) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(Transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ConsoleChannelInitializer(
                        context::get,
                        connections,
                        handlers,
                        backend,
                        sessions,
                        throttle,
                        signInHashing,
                        hstsMaxAge,
                        () -> publicUrl(host)));
        https = io.tlslab.server.messaging.Binding.bind(b, host, port, "console");
        httpsPort = ((InetSocketAddress) https.localAddress()).getPort();
        return httpsPort;
    }

    /** Plain HTTP that answers every request with a redirect to the HTTPS console (never HSTS). */
    public int bindRedirect(EventLoopGroup boss, EventLoopGroup workers, String host, int port)
            throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(Transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new RedirectChannelInitializer(() -> publicUrl(host)));
        redirect = io.tlslab.server.messaging.Binding.bind(b, host, port, "console redirect");
        return ((InetSocketAddress) redirect.localAddress()).getPort();
    }

    /** https://name:port of the console, the name from configuration (or the bind address). */
    private String publicUrl(String bindHost) {
        String name = publicHost != null ? publicHost : bindHost;
        if (name.contains(":") && !name.startsWith("[")) {
            name = "[" + name + "]";
        }
        return "https://" + name + ":" + httpsPort;
    }

    /** The host name redirects and the plain-HTTP refusal name (the first configured hostname). */
    public void publicHost(String name) {
        this.publicHost = name;
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
        signInHashing.shutdown();
    }
}
