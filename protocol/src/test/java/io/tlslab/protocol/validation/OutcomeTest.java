package io.tlslab.protocol.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OutcomeTest {
    @Test
    void outcomesPrintAndParseInTheManifestForm() {
        assertThat(Outcome.rejected(ReasonCode.EXPIRED).toString()).isEqualTo("REJECT:EXPIRED");
        assertThat(Outcome.parse("reject:expired")).isEqualTo(Outcome.rejected(ReasonCode.EXPIRED));
        assertThat(Outcome.parse("ACCEPT")).isEqualTo(Outcome.accepted());
        assertThat(Outcome.accepted().reason()).isEmpty();
        assertThatThrownBy(() -> Outcome.parse("REJECT:SOMETHING")).hasMessageContaining("unknown reason code");
    }
}
