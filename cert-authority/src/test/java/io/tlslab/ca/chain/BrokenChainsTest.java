package io.tlslab.ca.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.testing.Certs;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrokenChainsTest {
    static final HeldCertificate ROOT =
            HeldCertificate.builder().commonName("root").certificateAuthority().build();
    static final HeldCertificate INTERMEDIATE = HeldCertificate.builder()
            .commonName("int")
            .certificateAuthority()
            .signedBy(ROOT)
            .build();
    static final HeldCertificate LEAF =
            HeldCertificate.builder().commonName("leaf").signedBy(INTERMEDIATE).build();
    static final List<X509Certificate> FULL =
            List.of(LEAF.certificate(), INTERMEDIATE.certificate(), ROOT.certificate());

    @Test
    void tamperedSignatureStillParsesButNoLongerVerifies() throws Exception {
        for (HeldCertificate issuer : List.of(
                INTERMEDIATE,
                HeldCertificate.builder().rsa2048().certificateAuthority().build())) {
            X509Certificate good = HeldCertificate.builder()
                    .commonName("victim")
                    .signedBy(issuer)
                    .build()
                    .certificate();
            X509Certificate bad = BrokenChains.tamperSignature(good);
            X509Certificate reparsed = Certs.reparse(bad);
            assertThat(reparsed.getTBSCertificate()).isEqualTo(good.getTBSCertificate());
            assertThat(reparsed.getSignature())
                    .isNotEqualTo(good.getSignature())
                    .hasSameSizeAs(good.getSignature());
            assertThat(Certs.verifies(good, issuer.certificate().getPublicKey()))
                    .isTrue();
            assertThat(Certs.verifies(reparsed, issuer.certificate().getPublicKey()))
                    .isFalse();
        }
    }

    @Test
    void dropLeafOnlyAndReorder() {
        assertThat(BrokenChains.drop(FULL, 1)).containsExactly(LEAF.certificate(), ROOT.certificate());
        assertThat(BrokenChains.leafOnly(FULL)).containsExactly(LEAF.certificate());
        assertThat(BrokenChains.reverseIssuers(FULL))
                .containsExactly(LEAF.certificate(), ROOT.certificate(), INTERMEDIATE.certificate());
        assertThat(BrokenChains.reverse(FULL))
                .containsExactly(ROOT.certificate(), INTERMEDIATE.certificate(), LEAF.certificate());
        assertThatThrownBy(() -> BrokenChains.drop(FULL, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
