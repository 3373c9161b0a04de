package io.tlslab.client.endpoint;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.tlslab.protocol.wire.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keep-alive: answers the server's pings, pings when the endpoint has been quiet for the ping
 * interval, and closes a connection on which nothing arrived for the idle timeout (a dead peer or
 * a half-open TCP connection would otherwise hold the endpoint forever). Sits behind an
 * {@link io.netty.handler.timeout.IdleStateHandler}.
 */
final class KeepAliveHandler extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(KeepAliveHandler.class);

    private long nextNonce = 1;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Message.Ping) {
            ctx.writeAndFlush(new Message.Pong(((Message.Ping) msg).nonce()))
                    .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        } else if (!(msg instanceof Message.Pong)) {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            IdleState state = ((IdleStateEvent) evt).state();
            if (state == IdleState.READER_IDLE) {
                log.info(
                        "closing connection to {}: nothing received within the idle timeout",
                        ctx.channel().remoteAddress());
                ConnectionCloseReason.set(ctx.channel(), "idle timeout");
                ctx.close();
            } else if (state == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(new Message.Ping(nextNonce++))
                        .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }
}
