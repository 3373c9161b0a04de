package io.tlslab.ca;

import io.tlslab.protocol.settings.Fingerprint;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The facts about one certificate that manifests, {@code inspect} and summary tables show.
 *
 * @param subject            RFC 2253 subject, empty for an empty subject
 * @param issuer             RFC 2253 issuer
 * @param serial             serial number in upper hex
 * @param key                e.g. {@code RSA-2048}, {@code EC P-256}, {@code Ed25519}
 * @param signatureAlgorithm JCA name, e.g. {@code SHA256withRSA}
 * @param notBefore          Valid-From
 * @param notAfter           Valid-To
 * @param subjectAltNames    {@code DNS:name} / {@code IP:address} entries, in certificate order
 * @param ca                 basic constraints CA flag
 * @param pathLength         path length constraint; -1 when unlimited or not a CA
 * @param selfSigned         subject equals issuer and the signature verifies with the own key
 * @param sha1               SHA-1 fingerprint of the DER, colon upper hex
 * @param sha256             SHA-256 fingerprint of the DER, colon upper hex
 */
public record CertificateInfo(
        String subject,
        String issuer,
        String serial,
        String key,
        String signatureAlgorithm,
        Instant notBefore,
        Instant notAfter,
        List<String> subjectAltNames,
        boolean ca,
        int pathLength,
        boolean selfSigned,
        String sha1,
        String sha256) {

    public static CertificateInfo of(X509Certificate c) {
        byte[] der;
        try {
            der = c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
        int bc = c.getBasicConstraints();
        return new CertificateInfo(
                c.getSubjectX500Principal().getName(),
                c.getIssuerX500Principal().getName(),
                c.getSerialNumber().toString(16).toUpperCase(Locale.ROOT),
                describeKey(c.getPublicKey()),
                c.getSigAlgName(),
                c.getNotBefore().toInstant(),
                c.getNotAfter().toInstant(),
                subjectAltNames(c),
                bc >= 0,
                bc >= 0 && bc != Integer.MAX_VALUE ? bc : -1,
                isSelfSigned(c),
                Fingerprint.sha1(der).toString(),
                Fingerprint.sha256(der).toString());
    }

    /** {@code RSA-2048}, {@code EC P-256}, {@code Ed25519}, or the JCA algorithm name for anything else. */
    public static String describeKey(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA-" + rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return "EC P-" + ec.getParams().getOrder().bitLength();
        }
        return key.getAlgorithm().equals("EdDSA") ? "Ed25519" : key.getAlgorithm();
    }

    /** True if {@code issued}'s signature verifies with {@code issuer}'s public key. */
    public static boolean signatureVerifies(X509Certificate issued, X509Certificate issuer) {
        try {
            issued.verify(issuer.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean isSelfSigned(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal()) && signatureVerifies(c, c);
    }

    private static List<String> subjectAltNames(X509Certificate c) {
        List<String> result = new ArrayList<>();
        try {
            Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    String prefix = type == 2
                            ? "DNS:"
                            : type == 7 ? "IP:" : type == 1 ? "email:" : type == 6 ? "URI:" : "other:";
                    result.add(prefix + san.get(1));
                }
            }
        } catch (CertificateParsingException e) {
            result.add("unparsable subjectAltName: " + e.getMessage());
        }
        return List.copyOf(result);
    }

    /** Serial as a number, for callers that compare. */
    public BigInteger serialNumber() {
        return new BigInteger(serial, 16);
    }
}
