package io.tlslab.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlslab.ca.HeldCertificate;
import io.tlslab.protocol.cert.CertificateFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's certificate JSON keeps its field names now that it renders from {@link CertificateFacts}. */
class ConsoleCertificateViewTest {
    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-01-31T00:00:00Z");

    @Test
    void fieldNamesAndValuesComeFromTheFacts() throws Exception {
        HeldCertificate held = HeldCertificate.builder()
                .commonName("console.test")
                .subjectAlternativeNames("console.test")
                .validityInterval(FROM, TO)
                .build();
        ConsoleViews.Certificate view = ConsoleViews.Certificate.of(
                CertificateFacts.of(held.certificate()), Instant.parse("2026-01-21T00:00:00Z"));
        JsonNode json = ConsoleJson.MAPPER.readTree(ConsoleJson.bytes(view));
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names)
                .containsExactly(
                        "subject",
                        "issuer",
                        "subjectAlternativeNames",
                        "validFrom",
                        "validTo",
                        "sha1",
                        "sha256",
                        "selfSigned",
                        "keyAlgorithm",
                        "signatureAlgorithm",
                        "daysToExpiry");
        assertThat(json.get("subject").asText()).isEqualTo("CN=console.test");
        assertThat(json.get("subjectAlternativeNames").get(0).asText()).isEqualTo("DNS:console.test");
        assertThat(json.get("validFrom").asText()).isEqualTo(FROM.toString());
        assertThat(json.get("validTo").asText()).isEqualTo(TO.toString());
        assertThat(json.get("sha1").asText()).isEqualTo(held.sha1().toString());
        assertThat(json.get("sha256").asText()).isEqualTo(held.sha256().toString());
        assertThat(json.get("selfSigned").asBoolean()).isTrue();
        assertThat(json.get("keyAlgorithm").asText()).isEqualTo("EC");
        assertThat(json.get("daysToExpiry").asLong()).isEqualTo(10);
    }
}
