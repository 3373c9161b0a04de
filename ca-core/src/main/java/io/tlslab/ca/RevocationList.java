package io.tlslab.ca;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Mints a certificate revocation list the way RFC 5280 section 5 profiles it: a v2 CRL signed by the CA that
 * issued the revoked certificates, with its authority key identifier and a non-critical CRL number
 * (5.2.1, 5.2.3), thisUpdate and nextUpdate (5.1.2.4-5), one entry per revoked serial with the reason
 * {@code keyCompromise}.
 */
public final class RevocationList {
    private RevocationList() {}

    /**
     * @param issuer  the CA that issued the revoked certificates; its key usage must allow cRLSign for the
     *                CRL to be valid (a validator checks that, this method does not)
     * @param revoked serial numbers of the revoked certificates
     * @param number  the CRL number (monotonic per issuer)
     */
    public static X509CRL issue(
            HeldCertificate issuer,
            Collection<BigInteger> revoked,
            Instant thisUpdate,
            Instant nextUpdate,
            BigInteger number) {
        X500Name issuerName = X500Name.getInstance(
                issuer.certificate().getSubjectX500Principal().getEncoded());
        X509v2CRLBuilder b = new X509v2CRLBuilder(issuerName, Date.from(thisUpdate));
        b.setNextUpdate(Date.from(nextUpdate));
        for (BigInteger serial : revoked) {
            b.addCRLEntry(serial, Date.from(thisUpdate), CRLReason.keyCompromise);
        }
        SignatureAlgorithm algorithm =
                SignatureAlgorithm.defaultFor(issuer.keyPair().getPublic());
        try {
            b.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    new JcaX509ExtensionUtils()
                            .createAuthorityKeyIdentifier(issuer.keyPair().getPublic()));
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            return new JcaX509CRLConverter()
                    .getCRL(b.build(new JcaContentSignerBuilder(algorithm.jcaName())
                            .build(issuer.keyPair().getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot issue a CRL for " + issuer.subject() + ": " + e.getMessage(), e);
        }
    }
}
