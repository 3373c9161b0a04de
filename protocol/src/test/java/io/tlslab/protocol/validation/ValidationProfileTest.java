package io.tlslab.protocol.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValidationProfileTest {
    @Test
    void profilesParseFromTheirLabelsInAnyCase() {
        assertThat(ValidationProfile.parse("article")).isEqualTo(ValidationProfile.ARTICLE);
        assertThat(ValidationProfile.parse(" WebPKI ")).isEqualTo(ValidationProfile.WEBPKI);
        assertThat(ValidationProfile.WEBPKI.label()).isEqualTo("webpki");
    }

    @Test
    void anUnknownProfileIsRefusedWithTheAcceptedValues() {
        assertThatThrownBy(() -> ValidationProfile.parse("browser"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown validation profile 'browser', expected one of [article, webpki]");
    }
}
