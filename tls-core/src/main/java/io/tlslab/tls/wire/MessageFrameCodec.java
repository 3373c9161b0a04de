package io.tlslab.tls.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.MessageToMessageCodec;
import io.tlslab.protocol.wire.Message;
import io.tlslab.protocol.wire.MessageCodec;
import java.util.List;

/**
 * Turns frame bodies into {@link Message}s and back. Framing itself (4-byte big-endian length prefix,
 * {@link MessageCodec#MAX_FRAME_BYTES} limit) is Netty's; a malformed body surfaces as a
 * {@code DecoderException} caused by a {@link io.tlslab.protocol.wire.ProtocolException}.
 */
public final class MessageFrameCodec extends MessageToMessageCodec<ByteBuf, Message> {

    /** Pipeline names of the framing handlers. */
    public static final String FRAME_DECODER = "frameDecoder";

    public static final String FRAME_PREPENDER = "framePrepender";
    public static final String MESSAGE_CODEC = "messageCodec";

    /**
     * Adds framing and the message codec after {@code baseName}. The decoder fails fast: an oversize
     * length prefix raises {@code TooLongFrameException} at once instead of buffering 64 KiB first.
     */
    public static void addAfter(ChannelPipeline pipeline, String baseName) {
        pipeline.addAfter(baseName, FRAME_DECODER, newFrameDecoder());
        pipeline.addAfter(FRAME_DECODER, FRAME_PREPENDER, new LengthFieldPrepender(MessageCodec.LENGTH_PREFIX_BYTES));
        pipeline.addAfter(FRAME_PREPENDER, MESSAGE_CODEC, new MessageFrameCodec());
    }

    /** Adds framing and the message codec at the end of the pipeline (after the TLS handler). */
    public static void addLast(ChannelPipeline pipeline) {
        pipeline.addLast(FRAME_DECODER, newFrameDecoder());
        pipeline.addLast(FRAME_PREPENDER, new LengthFieldPrepender(MessageCodec.LENGTH_PREFIX_BYTES));
        pipeline.addLast(MESSAGE_CODEC, new MessageFrameCodec());
    }

    /** Strips the length prefix; the limit counts the body only, as the protocol defines it. */
    public static LengthFieldBasedFrameDecoder newFrameDecoder() {
        int prefix = MessageCodec.LENGTH_PREFIX_BYTES;
        return new LengthFieldBasedFrameDecoder(MessageCodec.MAX_FRAME_BYTES + prefix, 0, prefix, 0, prefix, true);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Message msg, List<Object> out) {
        out.add(ctx.alloc().buffer().writeBytes(MessageCodec.encode(msg)));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) throws Exception {
        out.add(MessageCodec.decode(ByteBufUtil.getBytes(frame)));
    }
}
