package io.tlslab.client.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** First-delivery check of the validator on a hand-built EC chain (the scenario matrix lives elsewhere). */
class ValidatorSmokeTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void acceptsGoodChainAndRejectsSelfSignedExpiredAndWrongHost() throws Exception {
        KeyPair rootKey = ec();
        KeyPair intKey = ec();
        KeyPair leafKey = ec();
        X509Certificate root = cert("CN=Smoke Root", rootKey, "CN=Smoke Root", rootKey, true, null, NOW);
        X509Certificate intermediate = cert("CN=Smoke Int", intKey, "CN=Smoke Root", rootKey, true, null, NOW);
        X509Certificate leaf = cert("CN=localhost", leafKey, "CN=Smoke Int", intKey, false, "localhost", NOW);
        X509Certificate selfSigned = cert("CN=localhost", leafKey, "CN=localhost", leafKey, false, "localhost", NOW);
        CertificateValidator validator = new CertificateValidator(TrustAnchors.of(root));

        Verdict good = validator.validate(List.of(leaf, intermediate), "localhost", NOW, ValidationPolicy.strict());
        assertThat(good.outcome()).isEqualTo(Outcome.accepted());
        assertThat(good.path()).containsExactly(leaf, intermediate, root);

        assertThat(validator.validate(List.of(selfSigned), "localhost", NOW, ValidationPolicy.strict()).outcome())
                .isEqualTo(Outcome.rejected(ReasonCode.SELF_SIGNED));
        assertThat(validator.validate(List.of(leaf, intermediate), "localhost", NOW.plus(Duration.ofDays(400)),
                ValidationPolicy.strict()).outcome()).isEqualTo(Outcome.rejected(ReasonCode.EXPIRED));
        Verdict audit = validator.validate(List.of(leaf, intermediate), "other", NOW, ValidationPolicy.nonStrict());
        assertThat(audit.accepted()).isTrue();
        assertThat(audit.strictOutcome()).isEqualTo(Outcome.rejected(ReasonCode.HOSTNAME_MISMATCH));
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    private static X509Certificate cert(String subject, KeyPair subjectKey, String issuer, KeyPair issuerKey,
                                        boolean ca, String dns, Instant now) throws Exception {
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(System.nanoTime()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(365))), new X500Name(subject), subjectKey.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (dns != null) {
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, dns)));
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
    }
}
