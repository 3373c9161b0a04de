package io.tlslab.server.messaging;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.tlslab.protocol.wire.Message;
import io.tlslab.server.metrics.ServerMetrics;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Another server of the environment on 4288, already authenticated by mutual TLS: it may replicate
 * properties. Each update is acknowledged once applied; an invalid one is refused and the
 * connection closed.
 */
public final class PeerSession extends ChannelInboundHandlerAdapter implements HelloGate.Session {
    private static final Logger log = LoggerFactory.getLogger(PeerSession.class);

    private final ReplicationSink sink;
    private final SessionHub hub;
    private final ServerMetrics metrics;
    private Message.Hello hello;

    public PeerSession(ReplicationSink sink, SessionHub hub, ServerMetrics metrics) {
        this.sink = sink;
        this.hub = hub;
        this.metrics = metrics;
    }

    @Override
    public void start(ChannelHandlerContext ctx, Message.Hello hello) {
        this.hello = hello;
        ctx.writeAndFlush(hub.currentSettings());
        log.debug(
                "server {} ({}) connected from {}",
                hello.guid(),
                hello.role(),
                ctx.channel().remoteAddress());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Message.PropertyUpdate) {
            Message.PropertyUpdate u = (Message.PropertyUpdate) msg;
            ReplicationSink.Answer answer =
                    sink.apply(u, hello.guid() + "@" + ctx.channel().remoteAddress());
            if (answer.verdict() == ReplicationSink.Verdict.REFUSED) {
                metrics.protocolError("servers", "refused_property_update");
                ctx.writeAndFlush(new Message.Goodbye(answer.why())).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.writeAndFlush(new Message.PropertyAck(u.sequence()));
            }
        } else if (msg instanceof Message.Ping) {
            ctx.writeAndFlush(new Message.Pong(((Message.Ping) msg).nonce()));
        } else if (msg instanceof Message.Pong
                || msg instanceof Message.Settings
                || msg instanceof Message.PropertyAck) {
            return;
        } else if (msg instanceof Message.Goodbye) {
            ctx.close();
        } else {
            log.warn(
                    "server {}: unexpected {}, closing",
                    hello.guid(),
                    msg.getClass().getSimpleName());
            metrics.protocolError("servers", "unexpected_message");
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            if (((IdleStateEvent) evt).state() == IdleState.READER_IDLE) {
                ctx.close();
            } else if (((IdleStateEvent) evt).state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(new Message.Ping(ThreadLocalRandom.current().nextLong()));
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }
}
