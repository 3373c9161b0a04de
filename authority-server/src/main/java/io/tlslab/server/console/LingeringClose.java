package io.tlslab.server.console;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose answer went out while the client was still sending (a 413 before the body),
 * after reading and dropping what the client still sends, for a bounded time and byte count. Closing at
 * once would leave unread bytes in the socket, and the kernel answers those with a reset that can
 * destroy the client's copy of the answer before it reads it: the client then sees no reply at all.
 * Placed first in the pipeline, so the rest (TLS included) sees nothing more.
 */
final class LingeringClose extends ChannelInboundHandlerAdapter {
    static final String NAME = "lingering-close";

    private final long maxBytes;
    private long dropped;

    private LingeringClose(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Drops input until the client closes, {@code maxBytes} have come, or {@code graceMillis} pass. */
    static void start(ChannelHandlerContext ctx, long maxBytes, long graceMillis) {
        ChannelPipeline p = ctx.pipeline();
        if (p.get(NAME) != null) {
            return;
        }
        p.addFirst(NAME, new LingeringClose(maxBytes));
        ctx.channel().config().setAutoRead(true);
        ctx.executor().schedule(() -> ctx.channel().close(), graceMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof io.netty.buffer.ByteBuf b) {
            dropped += b.readableBytes();
        }
        ReferenceCountUtil.release(msg);
        if (dropped > maxBytes) {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
