package io.tlslab.ca.testing;

import io.tlslab.protocol.cert.CertificateFacts;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Independent checks with the JDK's own certificate APIs only (no code from the CA under test). */
public final class Certs {
    private Certs() {}

    /** Re-parses a certificate from its DER with the JDK factory. */
    public static X509Certificate reparse(X509Certificate cert) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(cert.getEncoded()));
    }

    /** True if {@code cert}'s signature verifies with {@code issuerKey}; false on any failure. */
    public static boolean verifies(X509Certificate cert, PublicKey issuerKey) {
        try {
            cert.verify(issuerKey);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public static boolean isSelfSigned(X509Certificate cert) {
        return CertificateFacts.isSelfSigned(cert);
    }

    /** Signs and verifies a probe: true if the private key belongs to the certificate's public key. */
    public static boolean keyMatches(KeyPair keys, X509Certificate cert) throws GeneralSecurityException {
        String alg = switch (cert.getPublicKey().getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> "Ed25519";
        };
        byte[] probe = "probe".getBytes();
        Signature s = Signature.getInstance(alg);
        s.initSign(keys.getPrivate());
        s.update(probe);
        byte[] sig = s.sign();
        Signature v = Signature.getInstance(alg);
        v.initVerify(cert.getPublicKey());
        v.update(probe);
        return v.verify(sig);
    }

    /** DNS (type 2) SAN values. */
    public static List<String> dnsNames(X509Certificate cert) throws GeneralSecurityException {
        return sansOfType(cert, 2);
    }

    public static List<String> ipAddresses(X509Certificate cert) throws GeneralSecurityException {
        return sansOfType(cert, 7);
    }

    private static List<String> sansOfType(X509Certificate cert, int type) throws GeneralSecurityException {
        Collection<List<?>> sans = cert.getSubjectAlternativeNames();
        List<String> result = new ArrayList<>();
        if (sans != null) {
            for (List<?> san : sans) {
                if ((Integer) san.get(0) == type) {
                    result.add((String) san.get(1));
                }
            }
        }
        return result;
    }

    /**
     * JDK PKIX validation (no revocation) of the served chain against the anchors at {@code at}.
     * The path is ordered by following issuer names from the leaf, as a TLS client's path builder
     * would, so a mis-ordered served chain still validates when complete.
     */
    public static boolean pkixAccepts(List<X509Certificate> served, List<X509Certificate> anchors, Date at) {
        try {
            Set<TrustAnchor> trust = new HashSet<>();
            for (X509Certificate a : anchors) {
                trust.add(new TrustAnchor(a, null));
            }
            List<X509Certificate> path = new ArrayList<>();
            X509Certificate current = served.get(0);
            path.add(current);
            for (int i = 0; i < served.size(); i++) {
                X509Certificate c = current;
                boolean anchored = anchors.stream()
                        .anyMatch(a -> a.getSubjectX500Principal().equals(c.getIssuerX500Principal()));
                if (anchored) {
                    break;
                }
                X509Certificate next = served.stream()
                        .filter(s -> s != c && s.getSubjectX500Principal().equals(c.getIssuerX500Principal()))
                        .findFirst()
                        .orElse(null);
                if (next == null || isSelfSigned(next)) {
                    break;
                }
                path.add(next);
                current = next;
            }
            PKIXParameters params = new PKIXParameters(trust);
            params.setRevocationEnabled(false);
            params.setDate(at);
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
