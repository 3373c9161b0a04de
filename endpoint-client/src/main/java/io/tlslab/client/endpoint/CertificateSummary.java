package io.tlslab.client.endpoint;

import io.tlslab.protocol.settings.Fingerprint;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The facts about a certificate an operator needs to act on a rejection (SPEC §5): subject, issuer,
 * SANs, Valid-To and fingerprints, as one log-friendly line.
 */
public record CertificateSummary(
        String subject, String issuer, List<String> subjectAltNames, String validTo, String sha1, String sha256) {

    public static CertificateSummary of(X509Certificate certificate) {
        byte[] der;
        try {
            der = certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            der = new byte[0];
        }
        return new CertificateSummary(
                certificate.getSubjectX500Principal().getName(),
                certificate.getIssuerX500Principal().getName(),
                subjectAltNames(certificate),
                certificate.getNotAfter().toInstant().toString(),
                der.length == 0 ? "-" : Fingerprint.sha1(der).toString(),
                der.length == 0 ? "-" : Fingerprint.sha256(der).toString());
    }

    /** SANs as {@code DNS:name} / {@code IP:address}; other types are not used for server identity. */
    static List<String> subjectAltNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> all = certificate.getSubjectAlternativeNames();
            if (all != null) {
                for (List<?> entry : all) {
                    Object type = entry.get(0);
                    if (Integer.valueOf(2).equals(type)) {
                        names.add("DNS:" + entry.get(1));
                    } else if (Integer.valueOf(7).equals(type)) {
                        names.add("IP:" + entry.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            names.add("(unparseable SAN extension)");
        }
        return names;
    }

    /** {@code subject="..." issuer="..." sans=[...] validTo=... sha1=... sha256=...} */
    public String toLogFields() {
        return "subject=\"" + subject + "\" issuer=\"" + issuer + "\" sans=" + subjectAltNames + " validTo=" + validTo
                + " sha1=" + sha1 + " sha256=" + sha256;
    }
}
