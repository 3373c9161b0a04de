package io.tlslab.protocol.cert;

import io.tlslab.protocol.settings.Fingerprint;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The one description of a certificate that every log line, report, manifest, console view and CLI
 * renders from (SPEC §5: subject, issuer, SANs, Valid-To, SHA-1 and SHA-256 fingerprints, plus what
 * {@code inspect} and the console show). Only JDK types, so every module can use it, the throwaway CA
 * included. Reading it never throws for a certificate that decoded: an unparseable SAN extension is
 * one entry saying so.
 *
 * @param subject RFC 2253 subject, empty for an empty subject
 * @param issuer RFC 2253 issuer
 * @param serial the serial number
 * @param subjectAltNames {@code DNS:name}, {@code IP:address}, {@code email:}, {@code URI:}, ... in certificate order
 * @param notBefore Valid-From
 * @param notAfter Valid-To
 * @param sha1 SHA-1 fingerprint of the DER
 * @param sha256 SHA-256 fingerprint of the DER
 * @param keyAlgorithm the public key's JCA algorithm name ({@code RSA}, {@code EC}, {@code EdDSA})
 * @param keySize RSA modulus bits, EC curve order bits, 255 or 448 for Edwards curves; -1 otherwise
 * @param signatureAlgorithm JCA name, e.g. {@code SHA256withRSA}
 * @param ca basic constraints CA flag
 * @param pathLength path length constraint; -1 when unlimited or not a CA
 * @param selfSigned see {@link #isSelfSigned}
 */
public record CertificateFacts(
        String subject,
        String issuer,
        BigInteger serial,
        List<String> subjectAltNames,
        Instant notBefore,
        Instant notAfter,
        Fingerprint sha1,
        Fingerprint sha256,
        String keyAlgorithm,
        int keySize,
        String signatureAlgorithm,
        boolean ca,
        int pathLength,
        boolean selfSigned) {

    /** What an unparseable SAN extension reads as, instead of the names it hides. */
    public static final String UNPARSEABLE_SANS = "(unparseable SAN extension)";

    public CertificateFacts {
        subjectAltNames = List.copyOf(subjectAltNames);
    }

    /** @throws IllegalArgumentException if the certificate cannot be DER-encoded (it was not decoded from DER) */
    public static CertificateFacts of(X509Certificate c) {
        byte[] der;
        try {
            der = c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
        int basicConstraints = c.getBasicConstraints();
        PublicKey key = c.getPublicKey();
        return new CertificateFacts(
                c.getSubjectX500Principal().getName(),
                c.getIssuerX500Principal().getName(),
                c.getSerialNumber(),
                subjectAltNames(c),
                c.getNotBefore().toInstant(),
                c.getNotAfter().toInstant(),
                Fingerprint.sha1(der),
                Fingerprint.sha256(der),
                key.getAlgorithm(),
                keySize(key),
                c.getSigAlgName(),
                basicConstraints >= 0,
                basicConstraints >= 0 && basicConstraints != Integer.MAX_VALUE ? basicConstraints : -1,
                isSelfSigned(c));
    }

    /** {@code RSA-2048}, {@code EC P-256}, {@code Ed25519}, or the JCA algorithm name for anything else. */
    public String key() {
        return switch (keyAlgorithm) {
            case "RSA" -> "RSA-" + keySize;
            case "EC" -> "EC P-" + keySize;
            case "EdDSA", "Ed25519", "Ed448" -> keySize == 448 ? "Ed448" : "Ed25519";
            default -> keyAlgorithm;
        };
    }

    /** The serial number in upper hex, as {@code openssl x509 -serial} prints it (without leading zeros). */
    public String serialHex() {
        return serial.toString(16).toUpperCase(Locale.ROOT);
    }

    /** Whole days until Valid-To (negative once expired). */
    public long daysToExpiry(Instant now) {
        return Duration.between(now, notAfter).toDays();
    }

    /**
     * Self-signed, defined once: self-issued (subject equals issuer) and the signature verifies with the
     * certificate's own key. A self-issued certificate signed by another key of the same CA is not.
     */
    public static boolean isSelfSigned(X509Certificate c) {
        return isSelfIssued(c) && signatureVerifies(c, c);
    }

    /** Subject equals issuer (RFC 5280 6.1: self-issued), whoever signed it. */
    public static boolean isSelfIssued(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
    }

    /** True if {@code issued}'s signature verifies with {@code issuer}'s public key. */
    public static boolean signatureVerifies(X509Certificate issued, X509Certificate issuer) {
        try {
            issued.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The SANs as openssl names their types ({@code DNS:}, {@code IP:}, {@code email:}, {@code URI:},
     * {@code DirName:}, {@code RID:}); types the JDK hands over as bytes read {@code othername:(binary)} and
     * the like, never a byte array's identity.
     */
    public static List<String> subjectAltNames(X509Certificate c) {
        Collection<List<?>> all;
        try {
            all = c.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return List.of(UNPARSEABLE_SANS);
        }
        if (all == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>(all.size());
        for (List<?> entry : all) {
            Object type = entry.get(0);
            Object value = entry.get(1);
            String prefix = switch (type instanceof Integer t ? t : -1) {
                case 0 -> "othername:";
                case 1 -> "email:";
                case 2 -> "DNS:";
                case 3 -> "X400Name:";
                case 4 -> "DirName:";
                case 5 -> "EdiPartyName:";
                case 6 -> "URI:";
                case 7 -> "IP:";
                case 8 -> "RID:";
                default -> "type" + type + ":";
            };
            names.add(prefix + (value instanceof String s ? s : "(binary)"));
        }
        return List.copyOf(names);
    }

    private static int keySize(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getOrder().bitLength();
        }
        if (key instanceof EdECPublicKey ed) {
            return "Ed448".equalsIgnoreCase(ed.getParams().getName()) ? 448 : 255;
        }
        return -1;
    }
}
