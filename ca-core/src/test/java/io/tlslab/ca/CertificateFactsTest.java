package io.tlslab.ca;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.protocol.cert.CertificateFacts;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link CertificateFacts} (protocol) read from certificates minted here, the only module that mints. */
class CertificateFactsTest {
    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-04-01T00:00:00Z");

    static final HeldCertificate ROOT = HeldCertificate.builder()
            .commonName("Facts Root")
            .certificateAuthority(1)
            .rsa(3072)
            .build();

    @Test
    void leafFactsAreTheCertificatesOwn() {
        HeldCertificate leaf = HeldCertificate.builder()
                .commonName("facts.test")
                .subjectAlternativeNames("facts.test", "127.0.0.1", "::1")
                .validityInterval(FROM, TO)
                .serialNumber(BigInteger.valueOf(0xABCDEF))
                .signedBy(ROOT)
                .build();
        CertificateFacts f = CertificateFacts.of(leaf.certificate());
        assertThat(f.subject()).isEqualTo("CN=facts.test");
        assertThat(f.issuer()).isEqualTo("CN=Facts Root");
        assertThat(f.subjectAltNames()).containsExactly("DNS:facts.test", "IP:127.0.0.1", "IP:0:0:0:0:0:0:0:1");
        assertThat(f.notBefore()).isEqualTo(FROM);
        assertThat(f.notAfter()).isEqualTo(TO);
        assertThat(f.sha1()).isEqualTo(leaf.sha1());
        assertThat(f.sha256()).isEqualTo(leaf.sha256());
        assertThat(f.serialHex()).isEqualTo("ABCDEF");
        assertThat(f.keyAlgorithm()).isEqualTo("EC");
        assertThat(f.key()).isEqualTo("EC P-256");
        assertThat(f.signatureAlgorithm()).isEqualTo("SHA256withRSA");
        assertThat(f.ca()).isFalse();
        assertThat(f.pathLength()).isEqualTo(-1);
        assertThat(f.selfSigned()).isFalse();
        assertThat(f.daysToExpiry(Instant.parse("2026-03-30T12:00:00Z"))).isEqualTo(1);
        assertThat(f.daysToExpiry(Instant.parse("2026-04-03T00:00:00Z"))).isEqualTo(-2);
    }

    @Test
    void rootIsASelfSignedCaWithItsPathLength() {
        CertificateFacts f = CertificateFacts.of(ROOT.certificate());
        assertThat(f.ca()).isTrue();
        assertThat(f.pathLength()).isEqualTo(1);
        assertThat(f.selfSigned()).isTrue();
        assertThat(f.key()).isEqualTo("RSA-3072");
        assertThat(f.keySize()).isEqualTo(3072);
        assertThat(f.subjectAltNames()).isEmpty();
    }

    @Test
    void selfIssuedButSignedByAnotherKeyIsNotSelfSigned() {
        HeldCertificate sameName = HeldCertificate.builder()
                .commonName("Facts Root")
                .signedBy(ROOT)
                .build();
        assertThat(CertificateFacts.isSelfIssued(sameName.certificate())).isTrue();
        assertThat(CertificateFacts.of(sameName.certificate()).selfSigned()).isFalse();
        assertThat(CertificateFacts.signatureVerifies(sameName.certificate(), ROOT.certificate()))
                .isTrue();
    }

    @Test
    void edwardsKeysAreNamedByCurve() {
        CertificateFacts f =
                CertificateFacts.of(HeldCertificate.builder().ed25519().build().certificate());
        assertThat(f.key()).isEqualTo("Ed25519");
        assertThat(f.keySize()).isEqualTo(255);
        assertThat(f.selfSigned()).isTrue();
    }
}
