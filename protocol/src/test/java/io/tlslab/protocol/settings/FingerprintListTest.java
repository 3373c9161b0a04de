package io.tlslab.protocol.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FingerprintListTest {

    private static final byte[] CERT = "not really DER, any bytes hash".getBytes(StandardCharsets.US_ASCII);

    @Test
    void colonsAndCaseAreIgnoredAndOutputIsCanonical() {
        Fingerprint sha1 = Fingerprint.sha1(CERT);
        String sloppy = sha1.toString().replace(":", "").toLowerCase();
        FingerprintList list = FingerprintList.parse(sloppy);
        assertThat(list.toString()).isEqualTo(sha1.toString());
        assertThat(list.toString()).matches("([0-9A-F]{2}:){19}[0-9A-F]{2}");
    }

    @Test
    void matchesBySha1OrSha256() {
        assertThat(FingerprintList.of(Fingerprint.sha1(CERT)).matches(CERT)).isTrue();
        assertThat(FingerprintList.of(Fingerprint.sha256(CERT)).matches(CERT)).isTrue();
        assertThat(FingerprintList.of(Fingerprint.sha1("other".getBytes())).matches(CERT))
                .isFalse();
        assertThat(FingerprintList.empty().matches(CERT)).isFalse();
    }

    @Test
    void oneMalformedEntryRejectsTheWholeList() {
        String good = Fingerprint.sha1(CERT).toString();
        assertThatThrownBy(() -> FingerprintList.parse(good + ",ABCD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 2")
                .hasMessageContaining("40 hex digits");
        assertThatThrownBy(() -> FingerprintList.parse(good.replace('A', 'G').replace('0', 'Z')))
                .hasMessageContaining("hex");
        assertThatThrownBy(() -> FingerprintList.parse(good + ",,")).hasMessageContaining("empty");
    }

    @Test
    void theArticleAliasResolvesToTheSameKey() {
        assertThat(PropertyKey.lookup("c42.pki.cert.trustedFingerprints")).contains(PropertyKey.TRUSTED_FINGERPRINTS);
        assertThat(PropertyKey.lookup("c42.sabre.server.certificate.trustedFingerprints"))
                .contains(PropertyKey.TRUSTED_FINGERPRINTS);
        assertThat(PropertyKey.USE_HTTPS_CERTIFICATE.normalise("TRUE")).isEqualTo("true");
        assertThatThrownBy(() -> PropertyKey.STRICT_VALIDATION.normalise("yes"))
                .hasMessageContaining("expects true or false");
    }
}
