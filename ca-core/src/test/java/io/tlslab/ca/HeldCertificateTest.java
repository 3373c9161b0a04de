package io.tlslab.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlslab.ca.testing.Certs;
import io.tlslab.protocol.cert.CertificateFacts;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeldCertificateTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void defaultsAreSafe() throws Exception {
        HeldCertificate held = HeldCertificate.builder().clock(CLOCK).build();
        X509Certificate c = held.certificate();
        assertThat(c.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(((ECPublicKey) c.getPublicKey()).getParams().getOrder().bitLength())
                .isEqualTo(256);
        assertThat(c.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(c.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofDays(1)));
        assertThat(c.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(c.getBasicConstraints()).isEqualTo(-1);
        assertThat(c.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(c.getKeyUsage()[5]).as("keyCertSign").isFalse();
        assertThat(c.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(Certs.isSelfSigned(c)).isTrue();
        assertThat(c.getSerialNumber().bitLength()).isGreaterThanOrEqualTo(64);
        assertThat(Certs.keyMatches(held.keyPair(), c)).isTrue();
    }

    @Test
    void serialsAreRandom() {
        Set<BigInteger> serials = new HashSet<>();
        java.security.KeyPair keys = KeySpec.EC_P256.generate();
        for (int i = 0; i < 20; i++) {
            serials.add(HeldCertificate.builder()
                    .keyPair(keys)
                    .build()
                    .certificate()
                    .getSerialNumber());
        }
        assertThat(serials).hasSize(20);
    }

    @Test
    void everyKnobShowsInTheCertificate() throws Exception {
        HeldCertificate ca = HeldCertificate.builder()
                .rsa2048()
                .commonName("Knob CA")
                .organization("tlslab")
                .certificateAuthority(2)
                .permittedDnsName("example.test")
                .excludedDnsName("bad.example.test")
                .build();
        assertThat(ca.certificate().getBasicConstraints()).isEqualTo(2);
        assertThat(ca.certificate().getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(ca.certificate().getCriticalExtensionOIDs()).contains("2.5.29.30", "2.5.29.19", "2.5.29.15");
        assertThat(ca.subject()).isEqualTo("CN=Knob CA,O=tlslab");

        HeldCertificate leaf = HeldCertificate.builder()
                .keySpec(KeySpec.rsa(1024))
                .validityInterval(NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(2)))
                .noSubject()
                .addSubjectAlternativeName("a.example.test")
                .addSubjectAlternativeName("::1")
                .addSubjectAlternativeName("10.1.2.3")
                .keyUsage(KeyUsageFlag.DIGITAL_SIGNATURE)
                .extendedKeyUsage(KeyPurpose.CLIENT_AUTH, KeyPurpose.SERVER_AUTH)
                .signatureAlgorithm(SignatureAlgorithm.SHA512_WITH_RSA)
                .serialNumber(BigInteger.valueOf(4242))
                .signedBy(ca)
                .build();
        X509Certificate c = leaf.certificate();
        assertThat(((RSAPublicKey) c.getPublicKey()).getModulus().bitLength()).isEqualTo(1024);
        assertThat(c.getNotAfter().toInstant()).isEqualTo(NOW.minus(Duration.ofDays(2)));
        assertThat(c.getSubjectX500Principal().getName()).isEmpty();
        assertThat(Certs.dnsNames(c)).containsExactly("a.example.test");
        assertThat(Certs.ipAddresses(c)).containsExactlyInAnyOrder("10.1.2.3", "0:0:0:0:0:0:0:1");
        assertThat(c.getExtendedKeyUsage()).containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(c.getKeyUsage()[2]).as("keyEncipherment").isFalse();
        assertThat(c.getSigAlgOID()).isEqualTo(SignatureAlgorithm.SHA512_WITH_RSA.oid());
        assertThat(c.getSerialNumber()).isEqualTo(BigInteger.valueOf(4242));
        assertThat(c.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(Certs.verifies(c, ca.certificate().getPublicKey())).isTrue();
    }

    @Test
    void deprecatedSignaturesNeedAnRsaIssuer() {
        HeldCertificate ecIssuer =
                HeldCertificate.builder().certificateAuthority().build();
        assertThatThrownBy(() -> HeldCertificate.builder()
                        .signedBy(ecIssuer)
                        .signatureAlgorithm(SignatureAlgorithm.MD5_WITH_RSA)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MD5withRSA needs a RSA signer key");
        HeldCertificate rsaIssuer =
                HeldCertificate.builder().rsa2048().certificateAuthority().build();
        for (SignatureAlgorithm weak :
                new SignatureAlgorithm[] {SignatureAlgorithm.MD5_WITH_RSA, SignatureAlgorithm.SHA1_WITH_RSA}) {
            X509Certificate c = HeldCertificate.builder()
                    .signedBy(rsaIssuer)
                    .signatureAlgorithm(weak)
                    .build()
                    .certificate();
            assertThat(c.getSigAlgOID()).isEqualTo(weak.oid());
            assertThat(Certs.verifies(c, rsaIssuer.certificate().getPublicKey()))
                    .isTrue();
        }
    }

    @Test
    void ed25519AndP384Keys() throws Exception {
        HeldCertificate ed = HeldCertificate.builder().ed25519().build();
        assertThat(ed.certificate().getSigAlgOID()).isEqualTo("1.3.101.112");
        assertThat(Certs.isSelfSigned(ed.certificate())).isTrue();
        HeldCertificate p384 = HeldCertificate.builder().ecdsa384().build();
        assertThat(p384.certificate().getSigAlgName()).isEqualTo("SHA384withECDSA");
        assertThat(CertificateFacts.of(p384.certificate()).key()).isEqualTo("EC P-384");
        assertThat(CertificateFacts.of(ed.certificate()).key()).isEqualTo("Ed25519");
    }

    @Test
    void omittedBasicConstraintsAndEkuAreAbsent() {
        X509Certificate c = HeldCertificate.builder()
                .omitBasicConstraints()
                .extendedKeyUsage()
                .build()
                .certificate();
        assertThat(c.getExtensionValue("2.5.29.19")).isNull();
        assertThat(c.getExtensionValue("2.5.29.37")).isNull();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> KeySpec.rsa(512)).hasMessageContaining("between 1024 and 8192");
        assertThatThrownBy(() -> HeldCertificate.builder().validityInterval(NOW, NOW))
                .hasMessageContaining("must be after");
        assertThatThrownBy(() -> HeldCertificate.builder().certificateAuthority(-1))
                .hasMessageContaining(">= 0");
        assertThatThrownBy(() -> HeldCertificate.builder().addSubjectAlternativeName(" "))
                .hasMessageContaining("blank");
        assertThat(KeySpec.parse("RSA-3072").size()).isEqualTo(3072);
        assertThat(KeySpec.parse("p384")).isEqualTo(KeySpec.EC_P384);
        assertThat(SignatureAlgorithm.parse("sha1withrsa")).isEqualTo(SignatureAlgorithm.SHA1_WITH_RSA);
    }
}
