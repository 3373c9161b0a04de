package io.tlslab.server.messaging;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;

/**
 * Keeps a copy of the first bytes a peer sends, so a failed handshake can say what arrived instead
 * of TLS ("GET / HTTP/1.1", garbage): the OpenSSL engine's error does not carry them. Reads without
 * consuming, then leaves the pipeline.
 */
public final class FirstBytes extends ChannelInboundHandlerAdapter {
    public static final AttributeKey<byte[]> KEY = AttributeKey.valueOf("tlslab.firstBytes");
    private static final int KEEP = 64;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf) {
            ByteBuf buf = (ByteBuf) msg;
            byte[] first = new byte[Math.min(KEEP, buf.readableBytes())];
            buf.getBytes(buf.readerIndex(), first);
            ctx.channel().attr(KEY).set(first);
            ctx.pipeline().remove(this);
        }
        super.channelRead(ctx, msg);
    }
}
