package io.tlslab.server.messaging;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.tlslab.protocol.text.Untrusted;
import io.tlslab.protocol.wire.Guid;
import io.tlslab.protocol.wire.Message;
import io.tlslab.server.metrics.ServerMetrics;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection must say HELLO first, within the HELLO timeout, with a role this listener serves.
 * Anything else is logged and the connection closed (SPEC §4). On a good HELLO the gate installs the
 * keep-alive handler and hands the connection to the session handler the listener makes for that peer.
 */
final class HelloGate extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(HelloGate.class);

    /** A session handler that takes over after HELLO; {@link #start} runs once it is in place. */
    public interface Session extends ChannelHandler {
        void start(ChannelHandlerContext ctx, Message.Hello hello);
    }

    private final ListenerKind kind;
    private final Duration timeout;
    private final Function<Message.Hello, Session> sessions;
    private final ServerMetrics metrics;
    private final Supplier<? extends ChannelHandler> keepAlive;
    private ScheduledFuture<?> timer;

    /**
     * @param keepAlive makes the idle/keep-alive handler installed in front of the session after HELLO
     */
    public HelloGate(
            ListenerKind kind,
            Duration timeout,
            Function<Message.Hello, Session> sessions,
            ServerMetrics metrics,
            Supplier<? extends ChannelHandler> keepAlive) {
        this.kind = kind;
        this.timeout = timeout;
        this.sessions = sessions;
        this.metrics = metrics;
        this.keepAlive = keepAlive;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent && ((SslHandshakeCompletionEvent) evt).isSuccess()) {
            timer = ctx.executor()
                    .schedule(
                            () -> {
                                log.warn(
                                        "listener {} peer {}: no HELLO within {} ms, closing",
                                        kind.label(),
                                        ctx.channel().remoteAddress(),
                                        timeout.toMillis());
                                metrics.protocolError(kind.label(), "hello_timeout");
                                ctx.close();
                            },
                            timeout.toMillis(),
                            TimeUnit.MILLISECONDS);
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!(msg instanceof Message.Hello)) {
                log.warn(
                        "listener {} peer {}: {} before HELLO, closing",
                        kind.label(),
                        ctx.channel().remoteAddress(),
                        msg.getClass().getSimpleName());
                metrics.protocolError(kind.label(), "frame_before_hello");
                ctx.close();
                return;
            }
            Message.Hello hello = (Message.Hello) msg;
            if (!kind.accepts(hello.role())) {
                log.warn(
                        "listener {} peer {}: HELLO with role {} does not belong on this listener, closing",
                        kind.label(),
                        ctx.channel().remoteAddress(),
                        hello.role());
                metrics.protocolError(kind.label(), "wrong_role");
                ctx.writeAndFlush(new Message.Goodbye("role " + hello.role() + " not served on this port"))
                        .addListener(f -> ctx.close());
                return;
            }
            if (!Guid.isValid(hello.guid())) {
                log.warn(
                        "listener {} peer {}: HELLO with an invalid GUID \"{}\" ({} chars), closing",
                        kind.label(),
                        ctx.channel().remoteAddress(),
                        Untrusted.escape(hello.guid(), 80),
                        hello.guid().length());
                metrics.protocolError(kind.label(), "invalid_guid");
                ctx.writeAndFlush(new Message.Goodbye("invalid GUID: " + Guid.rule()))
                        .addListener(f -> ctx.close());
                return;
            }
            if (timer != null) {
                timer.cancel(false);
            }
            Session session = sessions.apply(hello);
            ctx.pipeline().addBefore(ctx.name(), "idle", keepAlive.get());
            ctx.pipeline().replace(this, "session", session);
            session.start(ctx.pipeline().context(session), hello);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (timer != null) {
            timer.cancel(false);
        }
        super.channelInactive(ctx);
    }
}
