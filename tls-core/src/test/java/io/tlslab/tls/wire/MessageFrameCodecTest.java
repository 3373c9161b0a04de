package io.tlslab.tls.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.tlslab.protocol.wire.Message;
import io.tlslab.protocol.wire.MessageCodec;
import io.tlslab.protocol.wire.ProductVersion;
import io.tlslab.protocol.wire.ProtocolException;
import io.tlslab.protocol.wire.Role;
import org.junit.jupiter.api.Test;

/** One handler frames and codes messages both ways, as the decoder, prepender and codec did together. */
class MessageFrameCodecTest {
    private static final Message.Hello HELLO = new Message.Hello(Role.ENDPOINT, "guid-1", new ProductVersion(6, 0));

    private static EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        MessageFrameCodec.addLast(ch.pipeline());
        return ch;
    }

    @Test
    void aMessageGoesOutAsOneLengthPrefixedBufferAndComesBackWhole() {
        EmbeddedChannel sender = channel();
        assertThat(sender.writeOutbound(HELLO)).isTrue();
        ByteBuf frame = sender.readOutbound();
        assertThat((Object) sender.readOutbound()).as("one buffer per message").isNull();
        byte[] body = MessageCodec.encode(HELLO);
        assertThat(frame.readableBytes()).isEqualTo(MessageCodec.LENGTH_PREFIX_BYTES + body.length);
        assertThat(frame.getInt(0)).isEqualTo(body.length);

        // arriving in two pieces, split inside the body: decoded once, when the frame is complete
        EmbeddedChannel receiver = channel();
        assertThat(receiver.writeInbound(frame.readRetainedSlice(7))).isFalse();
        assertThat(receiver.writeInbound(frame)).isTrue();
        assertThat((Object) receiver.readInbound()).isEqualTo(HELLO);
        assertThat(receiver.finish()).isFalse();
    }

    @Test
    void anOversizeLengthFailsAtOnceAndAMalformedBodyNamesTheProtocolError() {
        EmbeddedChannel big = channel();
        ByteBuf prefixOnly = Unpooled.buffer().writeInt(MessageCodec.MAX_FRAME_BYTES + 1);
        assertThatThrownBy(() -> big.writeInbound(prefixOnly)).isInstanceOf(TooLongFrameException.class);

        EmbeddedChannel bad = channel();
        ByteBuf unknownType = Unpooled.buffer().writeInt(1).writeByte(99);
        assertThatThrownBy(() -> bad.writeInbound(unknownType))
                .isInstanceOf(DecoderException.class)
                .hasCauseInstanceOf(ProtocolException.class);
    }
}
