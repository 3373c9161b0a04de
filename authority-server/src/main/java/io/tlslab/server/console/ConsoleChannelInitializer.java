package io.tlslab.server.console;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.EventExecutorGroup;
import io.tlslab.server.console.auth.LoginThrottle;
import io.tlslab.server.console.auth.Sessions;
import java.util.function.Supplier;

/**
 * The console's pipeline, one job per handler: a plain-HTTP refusal (400 "use https"), TLS, read timeout, HTTP codec and aggregation on the
 * I/O thread; then, on the console executor (sign-in hashes slowly), security headers (outbound),
 * session authentication, the CSRF check and the router.
 */
final class ConsoleChannelInitializer extends ChannelInitializer<SocketChannel> {
    /** Largest request accepted: a keystore upload in base64 fits comfortably. */
    static final int MAX_REQUEST_BYTES = 8 * 1024 * 1024;

    private final Supplier<SslContext> context;
    private final ChannelGroup connections;
    private final EventExecutorGroup executor;
    private final ConsoleBackend backend;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final SignInHashing hashing;
    private final SecurityHeadersHandler securityHeaders;
    private final CsrfHandler csrf = new CsrfHandler();
    private final Supplier<String> consoleUrl;
    private final long hstsMaxAge;

    ConsoleChannelInitializer(
            Supplier<SslContext> context,
            ChannelGroup connections,
            EventExecutorGroup executor,
            ConsoleBackend backend,
            Sessions sessions,
            LoginThrottle throttle,
            SignInHashing hashing,
            long hstsMaxAge,
            Supplier<String> consoleUrl) {
        this.hashing = hashing;
        this.consoleUrl = consoleUrl;
        this.hstsMaxAge = hstsMaxAge;
        this.context = context;
        this.connections = connections;
        this.executor = executor;
        this.backend = backend;
        this.sessions = sessions;
        this.throttle = throttle;
        this.securityHeaders = new SecurityHeadersHandler(hstsMaxAge);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        connections.add(ch);
        ChannelPipeline p = ch.pipeline();
        p.addLast("plain-http", new PlainHttpRefusal(consoleUrl.get()));
        p.addLast("tls", context.get().newHandler(ch.alloc()));
        p.addLast("timeout", new ReadTimeoutHandler(120));
        p.addLast("http", new HttpServerCodec());
        p.addLast("aggregate", new BoundedAggregator(MAX_REQUEST_BYTES, hstsMaxAge));
        addConsoleHandlers(p, executor, backend, sessions, throttle, hashing, securityHeaders, csrf);
    }

    /** The four console handlers in order; the unit tests build the same chain on an {@code EmbeddedChannel}. */
    static void addConsoleHandlers(
            ChannelPipeline p,
            EventExecutorGroup executor,
            ConsoleBackend backend,
            Sessions sessions,
            LoginThrottle throttle,
            SignInHashing hashing,
            SecurityHeadersHandler securityHeaders,
            CsrfHandler csrf) {
        p.addLast(executor, "security-headers", securityHeaders);
        p.addLast(executor, "session-auth", new SessionAuthHandler(backend.admins(), sessions, throttle, hashing));
        p.addLast(executor, "csrf", csrf);
        p.addLast(executor, "router", new ConsoleRouter(backend, sessions));
    }
}
