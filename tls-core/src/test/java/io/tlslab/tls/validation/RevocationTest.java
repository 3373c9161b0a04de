package io.tlslab.tls.validation;

import static io.tlslab.ca.testing.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.KeyUsageFlag;
import io.tlslab.ca.testing.TestPki;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** Operator-supplied CRLs (RFC 5280 5 and 6.3, issue 14 item 5): off unless given, REVOKED when they say so. */
class RevocationTest {
    private final TestPki pki = TestPki.atFixedTime();
    private final ValidationPolicy strict = ValidationPolicy.strict();

    /** A CRL as its issuer would publish it; each knob breaks one rule a usable CRL keeps. */
    private final class Crl {
        private HeldCertificate issuer = pki.intermediate;
        private PrivateKey signingKey;
        private BigInteger revokedSerial;
        private int reason = CRLReason.keyCompromise;
        private Instant thisUpdate = NOW.minus(Duration.ofHours(1));
        private Instant nextUpdate = NOW.plus(Duration.ofDays(7));
        private boolean number = true;
        private boolean numberCritical;

        X509CRL build() {
            try {
                X509v2CRLBuilder b = new X509v2CRLBuilder(
                        X500Name.getInstance(
                                issuer.certificate().getSubjectX500Principal().getEncoded()),
                        Date.from(thisUpdate));
                if (nextUpdate != null) {
                    b.setNextUpdate(Date.from(nextUpdate));
                }
                if (revokedSerial != null) {
                    b.addCRLEntry(revokedSerial, Date.from(NOW.minus(Duration.ofHours(2))), reason);
                }
                if (number) {
                    b.addExtension(Extension.cRLNumber, numberCritical, new CRLNumber(BigInteger.valueOf(7)));
                }
                PrivateKey key = signingKey != null ? signingKey : issuer.privateKey();
                return new JcaX509CRLConverter()
                        .getCRL(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private Crl revoking(X509Certificate certificate) {
        Crl crl = new Crl();
        crl.revokedSerial = certificate.getSerialNumber();
        return crl;
    }

    private Verdict validate(List<X509Certificate> served, X509CRL... crls) {
        return TestValidators.trusting(pki).validate(served, "localhost", NOW, strict.withCrls(List.of(crls)));
    }

    @Test
    void revokedLeafIsRevokedOnlyWhenTheCrlIsGiven() {
        X509CRL crl = revoking(pki.leaf.certificate()).build();
        Verdict v = validate(pki.served(pki.leaf), crl);
        assertThat(v.outcome()).isEqualTo(Outcome.rejected(ReasonCode.REVOKED));
        assertThat(v.findings().get(0).certificateIndex()).isZero();
        assertThat(validate(pki.served(pki.leaf)).outcome())
                .as("no CRLs: revocation off")
                .isEqualTo(Outcome.accepted());
        assertThat(TestValidators.trusting(pki)
                        .validate(pki.served(pki.leaf), "localhost", NOW, strict)
                        .accepted())
                .isTrue();
    }

    @Test
    void crlThatDoesNotListTheLeafChangesNothing() {
        Crl other = new Crl();
        other.revokedSerial = BigInteger.valueOf(999_999);
        assertThat(validate(pki.served(pki.leaf), other.build()).outcome()).isEqualTo(Outcome.accepted());
    }

    @Test
    void revokedIntermediateOnTheRootsCrl() {
        Crl rootCrl = revoking(pki.intermediate.certificate());
        rootCrl.issuer = pki.root;
        Verdict v = validate(pki.served(pki.leaf), rootCrl.build());
        assertThat(v.outcome()).isEqualTo(Outcome.rejected(ReasonCode.REVOKED));
        assertThat(v.findings().get(0).certificateIndex()).isEqualTo(1);
    }

    @Test
    void aCrlOutsideItsValidityWindowIsNotUsed() { // RFC 5280 5.1.2.4, 5.1.2.5
        Crl stale = revoking(pki.leaf.certificate());
        stale.thisUpdate = NOW.minus(Duration.ofDays(10));
        stale.nextUpdate = NOW.minus(Duration.ofDays(3));
        Crl future = revoking(pki.leaf.certificate());
        future.thisUpdate = NOW.plus(Duration.ofDays(1));
        future.nextUpdate = NOW.plus(Duration.ofDays(8));
        assertThat(validate(pki.served(pki.leaf), stale.build()).accepted()).isTrue();
        assertThat(validate(pki.served(pki.leaf), future.build()).accepted()).isTrue();
    }

    @Test
    void aCrlNotSignedByTheIssuerIsNotUsed() {
        Crl forged = revoking(pki.leaf.certificate());
        forged.signingKey = RawCertificate.ecKeys().getPrivate();
        assertThat(validate(pki.served(pki.leaf), forged.build()).accepted()).isTrue();
    }

    @Test
    void crlNumberMustBePresentAndNotCritical() { // RFC 5280 5.2.3
        Crl noNumber = revoking(pki.leaf.certificate());
        noNumber.number = false;
        Crl criticalNumber = revoking(pki.leaf.certificate());
        criticalNumber.numberCritical = true;
        assertThat(validate(pki.served(pki.leaf), noNumber.build()).accepted()).isTrue();
        assertThat(validate(pki.served(pki.leaf), criticalNumber.build()).accepted())
                .isTrue();
    }

    @Test
    void issuerWithoutCrlSignCannotRevoke() { // RFC 5280 4.2.1.3, 6.3.3 (f)
        HeldCertificate certSignOnly = TestPki.ca("Cert Sign Only")
                .keyUsage(KeyUsageFlag.KEY_CERT_SIGN)
                .signedBy(pki.root)
                .build();
        HeldCertificate leaf = pki.leaf("localhost").signedBy(certSignOnly).build();
        Crl crl = revoking(leaf.certificate());
        crl.issuer = certSignOnly;
        List<X509Certificate> served = List.of(leaf.certificate(), certSignOnly.certificate());
        assertThat(validate(served, crl.build()).accepted()).isTrue();

        Crl byCrlSigner = revoking(pki.leaf.certificate());
        assertThat(validate(pki.served(pki.leaf), byCrlSigner.build()).outcome())
                .as("the default CA key usage includes cRLSign")
                .isEqualTo(Outcome.rejected(ReasonCode.REVOKED));
    }

    @Test
    void removeFromCrlIsNotARevocation() {
        Crl removed = revoking(pki.leaf.certificate());
        removed.reason = CRLReason.removeFromCRL;
        assertThat(validate(pki.served(pki.leaf), removed.build()).accepted()).isTrue();
    }
}
