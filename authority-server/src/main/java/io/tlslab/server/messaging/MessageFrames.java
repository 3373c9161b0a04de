package io.tlslab.server.messaging;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.MessageToByteEncoder;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.tlslab.protocol.wire.Message;
import io.tlslab.protocol.wire.MessageCodec;
import java.util.List;

/**
 * The frame layer of SPEC §4: a 4-byte big-endian length, then the body {@link MessageCodec}
 * reads. A frame above {@link MessageCodec#MAX_FRAME_BYTES} fails fast (before it is buffered)
 * and the error handler closes the connection.
 */
public final class MessageFrames {
    private MessageFrames() {
    }

    /** Adds the decoder and encoder halves after the TLS handler. */
    public static void addTo(ChannelPipeline p) {
        p.addLast("frameDecoder", new LengthFieldBasedFrameDecoder(
                MessageCodec.MAX_FRAME_BYTES + MessageCodec.LENGTH_PREFIX_BYTES, 0, MessageCodec.LENGTH_PREFIX_BYTES,
                0, MessageCodec.LENGTH_PREFIX_BYTES, true));
        p.addLast("framePrepender", PREPENDER);
        p.addLast("messageDecoder", new Decoder());
        p.addLast("messageEncoder", ENCODER);
    }

    private static final LengthFieldPrepender PREPENDER = new LengthFieldPrepender(MessageCodec.LENGTH_PREFIX_BYTES);
    private static final Encoder ENCODER = new Encoder();

    /** Frame body to {@link Message}; a {@code ProtocolException} surfaces as a DecoderException. */
    static final class Decoder extends MessageToMessageDecoder<ByteBuf> {
        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) throws Exception {
            out.add(MessageCodec.decode(ByteBufUtil.getBytes(frame)));
        }
    }

    @ChannelHandler.Sharable
    static final class Encoder extends MessageToByteEncoder<Message> {
        @Override
        protected void encode(ChannelHandlerContext ctx, Message msg, ByteBuf out) {
            out.writeBytes(MessageCodec.encode(msg));
        }
    }
}
