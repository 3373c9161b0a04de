package io.tlslab.server.messaging;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.tlslab.protocol.text.Untrusted;
import io.tlslab.protocol.wire.Message;
import io.tlslab.server.device.DeviceIdentity;
import io.tlslab.server.device.DeviceRegistry;
import io.tlslab.server.metrics.ServerMetrics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One endpoint after its HELLO: receives the settings at once and on every change, keep-alive
 * pings, audit reports. An endpoint can never change a property: a PropertyUpdate is refused and
 * the connection closed.
 */
public final class EndpointSession extends ChannelInboundHandlerAdapter implements HelloGate.Session {
    private static final Logger log = LoggerFactory.getLogger(EndpointSession.class);

    private final SessionHub hub;
    private final DeviceRegistry devices;
    private final DeviceIdentity identity;
    private final ServerMetrics metrics;
    /** Set once HELLO passed the identity check; all the session keeps of the HELLO. */
    private String guid;

    public EndpointSession(SessionHub hub, DeviceRegistry devices, DeviceIdentity identity, ServerMetrics metrics) {
        this.hub = hub;
        this.devices = devices;
        this.identity = identity;
        this.metrics = metrics;
    }

    @Override
    public void start(ChannelHandlerContext ctx, Message.Hello hello) {
        InetAddress from = ctx.channel().remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress()
                : InetAddress.getLoopbackAddress();
        DeviceIdentity.Decision decision = identity.check(
                hello.guid(),
                hello.credential(),
                from,
                devices.isKnown(hello.guid()),
                !hello.version().supportsStrictValidation());
        if (decision instanceof DeviceIdentity.Decision.Refuse refuse) {
            log.warn(
                    "endpoint {} from {} refused: {}",
                    hello.guid(),
                    ctx.channel().remoteAddress(),
                    refuse.reason());
            metrics.protocolError("endpoints", "identity_refused");
            ctx.writeAndFlush(new Message.Goodbye(refuse.reason())).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        this.guid = hello.guid();
        HandshakeReporter.Negotiated n =
                ctx.channel().attr(HandshakeReporter.NEGOTIATED).get();
        devices.connected(
                hello,
                String.valueOf(ctx.channel().remoteAddress()),
                n == null ? "-" : n.engine(),
                n == null ? "-" : n.protocol());
        hub.register(hello.guid(), ctx.channel());
        ctx.writeAndFlush(hub.currentSettings());
        if (decision instanceof DeviceIdentity.Decision.Register) {
            identity.register(hello.guid())
                    .whenComplete((credential, failure) -> ctx.executor().execute(() -> {
                        if (failure != null) {
                            log.warn(
                                    "endpoint {}: could not save its registration: {}",
                                    hello.guid(),
                                    Untrusted.escape(failure.getMessage()));
                            ctx.close();
                        } else if (ctx.channel().isActive()) {
                            ctx.writeAndFlush(new Message.DeviceCredential(credential));
                            log.info(
                                    "endpoint {} registered from {}",
                                    hello.guid(),
                                    ctx.channel().remoteAddress());
                        }
                    }));
        }
        log.debug(
                "endpoint {} version {} connected from {}",
                hello.guid(),
                hello.version(),
                ctx.channel().remoteAddress());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (guid == null) {
            // refused at HELLO and closing: whatever the peer sent meanwhile is dropped unread
            return;
        }
        if (msg instanceof Message.Ping) {
            ctx.writeAndFlush(new Message.Pong(((Message.Ping) msg).nonce()));
        } else if (msg instanceof Message.Pong) {
            return;
        } else if (msg instanceof Message.AuditReport) {
            devices.audit(guid, (Message.AuditReport) msg);
        } else if (msg instanceof Message.Goodbye) {
            log.debug("endpoint {} said goodbye: {}", guid, Untrusted.escape(((Message.Goodbye) msg).reason()));
            ctx.close();
        } else if (msg instanceof Message.PropertyUpdate) {
            log.warn(
                    "endpoint {} at {} tried to change property {}; endpoints cannot change properties, closing",
                    guid,
                    ctx.channel().remoteAddress(),
                    Untrusted.escape(((Message.PropertyUpdate) msg).key()));
            metrics.protocolError("endpoints", "unauthorised_property_update");
            ctx.writeAndFlush(new Message.Goodbye("endpoints cannot change properties"))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            log.warn("endpoint {}: unexpected {}, closing", guid, msg.getClass().getSimpleName());
            metrics.protocolError("endpoints", "unexpected_message");
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent && guid == null) {
            ctx.close();
            return;
        }
        if (evt instanceof IdleStateEvent) {
            if (((IdleStateEvent) evt).state() == IdleState.READER_IDLE) {
                log.info("endpoint {} idle, closing", guid);
                ctx.close();
            } else if (((IdleStateEvent) evt).state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(new Message.Ping(ThreadLocalRandom.current().nextLong()));
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (guid != null) {
            hub.unregister(guid, ctx.channel());
            devices.disconnected(guid);
        }
        super.channelInactive(ctx);
    }
}
