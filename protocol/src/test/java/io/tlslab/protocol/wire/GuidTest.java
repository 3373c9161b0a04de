package io.tlslab.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GuidTest {

    @Test
    void uuidsAndServerIdsAreGuids() {
        assertThat(Guid.isValid("3f2504e0-4f89-11d3-9a0c-0305e82c3301")).isTrue();
        assertThat(Guid.isValid("fleet-0001")).isTrue();
        assertThat(Guid.isValid("a".repeat(Guid.MAX_CHARS))).isTrue();
    }

    @Test
    void theAttacksOfIssue10AreNot() {
        assertThat(Guid.isValid("")).isFalse();
        assertThat(Guid.isValid("a".repeat(256)))
                .as("one over the column the store had")
                .isFalse();
        assertThat(Guid.isValid("a".repeat(Guid.MAX_CHARS + 1))).isFalse();
        assertThat(Guid.isValid("<script>alert(1)</script>")).isFalse();
        assertThat(Guid.isValid("dev\nINFO fake line")).isFalse();
        assertThat(Guid.isValid("-leading-dash")).isFalse();
        assertThat(Guid.isValid(null)).isFalse();
    }

    @Test
    void aMessageThatCannotFitAFrameIsRefusedWithAReason() {
        Message.Settings big = new Message.Settings(Map.of("c42.big", "x".repeat(70_000)));
        assertThatThrownBy(() -> MessageCodec.encode(big))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65535 bytes");
        Message.Settings sum = new Message.Settings(Map.of("c42.a", "x".repeat(40_000), "c42.b", "y".repeat(40_000)));
        assertThatThrownBy(() -> MessageCodec.encode(sum))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("frame limit");
    }
}
