package io.tlslab.fleet.load;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.tlslab.protocol.wire.Message;
import io.tlslab.protocol.wire.ProductVersion;
import io.tlslab.protocol.wire.Role;

/**
 * A held connection speaking just enough of the message protocol (SPEC §4) to stay connected like a
 * real endpoint: HELLO once, then a PONG for every keep-alive PING. Everything else the server sends
 * (settings) is read and dropped; the fleet keeps no per-device state beyond the connection itself.
 */
final class HeldSession extends ChannelInboundHandlerAdapter {
    static final ProductVersion VERSION = new ProductVersion(6, 0);

    private final String guid;
    private final Runnable keepAlive;

    /** @param keepAlive told about every PING answered */
    HeldSession(String guid, Runnable keepAlive) {
        this.guid = guid;
        this.keepAlive = keepAlive;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(new Message.Hello(Role.ENDPOINT, guid, VERSION))
                .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Message.Ping ping) {
                ctx.writeAndFlush(new Message.Pong(ping.nonce())).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
                keepAlive.run();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }
}
