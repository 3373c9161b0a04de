package io.tlslab.tls.validation;

import io.tlslab.protocol.settings.Fingerprint;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What a log line or report says about a certificate (SPEC §5: subject, issuer, SANs, Valid-To, SHA-1
 * and SHA-256 fingerprints). SANs are written {@code DNS:name} / {@code IP:address}, as openssl does.
 */
public record CertificateSummary(
        String subject,
        String issuer,
        List<String> subjectAltNames,
        Instant notBefore,
        Instant notAfter,
        String signatureAlgorithm,
        Fingerprint sha1,
        Fingerprint sha256) {

    public CertificateSummary {
        subjectAltNames = List.copyOf(subjectAltNames);
    }

    public static CertificateSummary of(X509Certificate certificate) {
        byte[] der;
        try {
            der = certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
        return new CertificateSummary(
                certificate.getSubjectX500Principal().getName(),
                certificate.getIssuerX500Principal().getName(),
                subjectAltNames(certificate),
                certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(),
                certificate.getSigAlgName(),
                Fingerprint.sha1(der),
                Fingerprint.sha256(der));
    }

    private static List<String> subjectAltNames(X509Certificate certificate) {
        Collection<List<?>> all;
        try {
            all = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return List.of("(unparseable)");
        }
        List<String> names = new ArrayList<>();
        if (all != null) {
            for (List<?> entry : all) {
                Object type = entry.get(0);
                Object value = entry.get(1);
                String prefix = switch (type instanceof Integer t ? t : -1) {
                    case 1 -> "email:";
                    case 2 -> "DNS:";
                    case 6 -> "URI:";
                    case 7 -> "IP:";
                    default -> "other:";
                };
                names.add(prefix + (value instanceof String s ? s : "(binary)"));
            }
        }
        return names;
    }
}
