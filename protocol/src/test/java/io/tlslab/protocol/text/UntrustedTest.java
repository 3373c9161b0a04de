package io.tlslab.protocol.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UntrustedTest {

    @Test
    void aNewlineCannotStartAFakeLogLine() {
        String forged = "bob\n2026-01-01T00:00:00 INFO tlslab.audit - admin=admin command=\"setting.set system"
                + " c42.sabre.client.certificate.strictValidation false\" result=ok";
        String printed = Untrusted.escape(forged);
        assertThat(printed).doesNotContain("\n").startsWith("bob\\n2026").contains("command=\\\"setting.set");
    }

    @Test
    void nulEscDelC1AndBidiOverridesAreWrittenAsCodes() {
        assertThat(Untrusted.escape("a\u0000b\u001b[31mred\u007f\u009b\u202Eevil\u2028x\r\t"))
                .isEqualTo("a\\u0000b\\u001B[31mred\\u007F\\u009B\\u202Eevil\\u2028x\\r\\t");
    }

    @Test
    void printableTextAndNonAsciiLettersStayAsTheyAre() {
        String name = "José-Ødegård_01@example.org";
        assertThat(Untrusted.escape(name)).isSameAs(name);
        assertThat(Untrusted.isPrintable(name)).isTrue();
        assertThat(Untrusted.isPrintable("a\nb")).isFalse();
    }

    @Test
    void longValuesAreCutWithACount() {
        String big = "x".repeat(60_000);
        String printed = Untrusted.escape(big);
        assertThat(printed)
                .hasSize(Untrusted.MAX_PRINTED_CHARS + "...(59488 more chars)".length())
                .endsWith("...(59488 more chars)");
        assertThat(Untrusted.escape("abcdef", 3)).isEqualTo("abc...(3 more chars)");
    }

    @Test
    void escapeControlsKeepsQuotesForWholeMessages() {
        assertThat(Untrusted.escapeControls("command=\"x\"\nfake")).isEqualTo("command=\"x\"\\nfake");
        assertThat(Untrusted.escape(null)).isEqualTo("null");
    }
}
