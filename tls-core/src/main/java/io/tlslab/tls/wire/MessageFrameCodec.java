package io.tlslab.tls.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.tlslab.protocol.wire.Message;
import io.tlslab.protocol.wire.MessageCodec;
import java.net.SocketAddress;

/**
 * Frames and {@link Message}s, both ways, in one handler: a 4-byte big-endian length prefix and at most
 * {@link MessageCodec#MAX_FRAME_BYTES} of body. Splitting frames is Netty's {@link
 * LengthFieldBasedFrameDecoder} (fail fast: an oversize length prefix raises {@code TooLongFrameException} at
 * once instead of buffering 64 KiB first); a malformed body surfaces as a {@code DecoderException} caused by a
 * {@link io.tlslab.protocol.wire.ProtocolException}. One handler rather than a decoder, a prepender and a
 * codec: a server holding thousands of idle connections keeps one pipeline entry for framing instead of
 * three, and each message goes out as one buffer, prefix included.
 */
public final class MessageFrameCodec extends LengthFieldBasedFrameDecoder implements ChannelOutboundHandler {

    /** Pipeline name of the codec. */
    public static final String MESSAGE_CODEC = "messageCodec";

    private static final int PREFIX = MessageCodec.LENGTH_PREFIX_BYTES;

    /** The limit counts the body only, as the protocol defines it. */
    public MessageFrameCodec() {
        super(MessageCodec.MAX_FRAME_BYTES + PREFIX, 0, PREFIX, 0, PREFIX, true);
    }

    /** Adds the codec after {@code baseName}. */
    public static void addAfter(ChannelPipeline pipeline, String baseName) {
        pipeline.addAfter(baseName, MESSAGE_CODEC, new MessageFrameCodec());
    }

    /** Adds the codec at the end of the pipeline (after the TLS handler). */
    public static void addLast(ChannelPipeline pipeline) {
        pipeline.addLast(MESSAGE_CODEC, new MessageFrameCodec());
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        ByteBuf body = (ByteBuf) super.decode(ctx, in);
        if (body == null) {
            return null;
        }
        try {
            return MessageCodec.decode(ByteBufUtil.getBytes(body));
        } finally {
            body.release();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof Message message)) {
            ctx.write(msg, promise);
            return;
        }
        byte[] body;
        try {
            body = MessageCodec.encode(message);
        } catch (RuntimeException e) {
            promise.setFailure(new EncoderException(e));
            return;
        }
        ByteBuf frame = ctx.alloc().buffer(PREFIX + body.length);
        ctx.write(frame.writeInt(body.length).writeBytes(body), promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void bind(ChannelHandlerContext ctx, SocketAddress localAddress, ChannelPromise promise) {
        ctx.bind(localAddress, promise);
    }

    @Override
    public void connect(
            ChannelHandlerContext ctx,
            SocketAddress remoteAddress,
            SocketAddress localAddress,
            ChannelPromise promise) {
        ctx.connect(remoteAddress, localAddress, promise);
    }

    @Override
    public void disconnect(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.disconnect(promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.close(promise);
    }

    @Override
    public void deregister(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.deregister(promise);
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        ctx.read();
    }
}
