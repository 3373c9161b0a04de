package io.tlslab.tls.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.testing.TestPki;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

/** How path building finds trust anchors: by exact bytes for "is a root", by RFC 5280 7.1 names for "issued by". */
class TrustAnchorsTest {
    private final TestPki pki = TestPki.atFixedTime();
    private final TrustAnchors anchors = TrustAnchors.of(pki.root.certificate());

    @Test
    void aServedCopyOfTheRootIsTheRootAndACertificateWithItsNameButOtherBytesIsNot() throws Exception {
        X509Certificate copy = reparsed(pki.root.certificate());
        assertThat(copy).isNotSameAs(pki.root.certificate());
        assertThat(anchors.isRoot(copy, DecodedCertificate.of(copy))).isTrue();

        HeldCertificate sameNameOtherKey = TestPki.ca("Test Root").build();
        X509Certificate impostor = sameNameOtherKey.certificate();
        assertThat(impostor.getSubjectX500Principal())
                .isEqualTo(pki.root.certificate().getSubjectX500Principal());
        assertThat(anchors.isRoot(impostor, DecodedCertificate.of(impostor))).isFalse();

        X509Certificate intermediate = pki.intermediate.certificate();
        assertThat(anchors.isRoot(intermediate, DecodedCertificate.of(intermediate)))
                .isFalse();
        assertThat(anchors.isRoot(pki.leaf.certificate(), DecodedCertificate.of(pki.leaf.certificate())))
                .isFalse();
    }

    /** The canonical answer is remembered by the issuer's bytes: asked twice, the same answer either way. */
    @Test
    void anIssuerNamedCanonicallyAlikeFindsTheRootEveryTimeAndAnotherNameFindsNothing() {
        X509Certificate renamed = RawCertificate.leafNamingItsIssuer(pki.root, "TEST ROOT");
        X509Certificate other = pki.leaf.certificate(); // issued by "Test Intermediate"
        for (int round = 0; round < 2; round++) {
            assertThat(anchors.rootsIssuing(DecodedCertificate.of(renamed))).containsExactly(pki.root.certificate());
            assertThat(anchors.rootsIssuing(DecodedCertificate.of(other))).isEmpty();
            assertThat(anchors.rootsIssuing(DecodedCertificate.of(pki.intermediate.certificate())))
                    .containsExactly(pki.root.certificate());
        }
    }

    /** Another object from the same bytes (Bouncy Castle's factory: the JDK's hands back its cached object). */
    private static X509Certificate reparsed(X509Certificate certificate) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509", new BouncyCastleProvider())
                .generateCertificate(new ByteArrayInputStream(certificate.getEncoded()));
    }
}
