package io.tlslab.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlslab.protocol.settings.Fingerprint;
import io.tlslab.protocol.validation.ReasonCode;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessageCodecTest {

    static Stream<Message> everyMessageType() {
        return Stream.of(
                new Message.Hello(Role.ENDPOINT, "guid-1", ProductVersion.parse("6.5")),
                new Message.Settings(Map.of("c42.sabre.client.certificate.strictValidation", "true")),
                new Message.Ping(42),
                new Message.Pong(-7),
                new Message.AuditReport(
                        "server.example",
                        Fingerprint.sha1(new byte[] {1, 2, 3}),
                        List.of(ReasonCode.EXPIRED, ReasonCode.HOSTNAME_MISMATCH)),
                new Message.PropertyUpdate(9, "k", "v", "srv-a"),
                new Message.PropertyUpdate(10, "k", null, "srv-a"),
                new Message.PropertyAck(9),
                new Message.Goodbye("bye"));
    }

    @ParameterizedTest
    @MethodSource("everyMessageType")
    void everyMessageSurvivesARoundTrip(Message message) throws Exception {
        assertThat(MessageCodec.decode(MessageCodec.encode(message))).isEqualTo(message);
    }

    @Test
    void anHttpRequestIsNotAMessage() {
        byte[] http = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> MessageCodec.decode(http))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("unknown message type 0x47");
    }

    /** The server compares the audited leaf with the one it serves: anything but a SHA-1 fingerprint is malformed. */
    @Test
    void anAuditReportNamesItsLeafByASha1Fingerprint() throws Exception {
        byte auditType = MessageCodec.encode(new Message.AuditReport("h", Fingerprint.sha1(new byte[0]), List.of()))[0];
        for (String leaf : List.of("AA", "-", Fingerprint.sha256(new byte[0]).toString())) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(auditType);
            out.writeUTF("h");
            out.writeUTF(leaf);
            out.writeShort(0);
            assertThatThrownBy(() -> MessageCodec.decode(bytes.toByteArray()))
                    .as(leaf)
                    .isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("invalid value in frame");
        }
    }

    @Test
    void aTruncatedHelloIsRejected() {
        byte[] full = MessageCodec.encode(new Message.Hello(Role.ENDPOINT, "guid", ProductVersion.parse("6.0")));
        assertThatThrownBy(() -> MessageCodec.decode(Arrays.copyOf(full, full.length - 2)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] full = MessageCodec.encode(new Message.Ping(1));
        assertThatThrownBy(() -> MessageCodec.decode(Arrays.copyOf(full, full.length + 1)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("trailing");
    }

    @Test
    void anOversizeFrameIsRejectedBeforeParsing() {
        assertThatThrownBy(() -> MessageCodec.decode(new byte[MessageCodec.MAX_FRAME_BYTES + 1]))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("exceeds");
    }

    @Test
    void versionsGateStrictValidationAtSixZero() {
        assertThat(ProductVersion.parse("5.4").supportsStrictValidation()).isFalse();
        assertThat(ProductVersion.parse("6.0").supportsStrictValidation()).isTrue();
        assertThat(ProductVersion.parse("6.5.2").supportsStrictValidation()).isTrue();
        assertThatThrownBy(() -> ProductVersion.parse("six")).hasMessageContaining("expected MAJOR.MINOR");
    }
}
