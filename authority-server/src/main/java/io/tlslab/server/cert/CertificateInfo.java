package io.tlslab.server.cert;

import io.tlslab.protocol.settings.Fingerprint;
import io.tlslab.tls.identity.ServedIdentity;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** What the console shows about a certificate (SPEC §3). */
public record CertificateInfo(
        String subject,
        String issuer,
        List<String> subjectAlternativeNames,
        Instant validFrom,
        Instant validTo,
        String sha1,
        String sha256,
        boolean selfSigned,
        String keyAlgorithm,
        String signatureAlgorithm) {

    public static CertificateInfo of(X509Certificate c) {
        byte[] der = ServedIdentity.der(c);
        return new CertificateInfo(
                c.getSubjectX500Principal().getName(),
                c.getIssuerX500Principal().getName(),
                sans(c),
                c.getNotBefore().toInstant(),
                c.getNotAfter().toInstant(),
                Fingerprint.sha1(der).toString(),
                Fingerprint.sha256(der).toString(),
                KeystoreImporter.isSelfIssued(c),
                c.getPublicKey().getAlgorithm(),
                c.getSigAlgName());
    }

    /** For JSON: the console API, the CLI. */
    public java.util.Map<String, Object> toMap() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("subject", subject);
        m.put("issuer", issuer);
        m.put("subjectAlternativeNames", subjectAlternativeNames);
        m.put("validFrom", validFrom.toString());
        m.put("validTo", validTo.toString());
        m.put("sha1", sha1);
        m.put("sha256", sha256);
        m.put("selfSigned", selfSigned);
        m.put("keyAlgorithm", keyAlgorithm);
        m.put("signatureAlgorithm", signatureAlgorithm);
        return m;
    }

    /** Whole days until Valid-To (negative once expired). */
    public long daysToExpiry(Instant now) {
        return Duration.between(now, validTo).toDays();
    }

    static List<String> sans(X509Certificate c) {
        List<String> result = new ArrayList<>();
        try {
            Collection<List<?>> names = c.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> n : names) {
                    int type = (Integer) n.get(0);
                    String prefix = type == 2 ? "DNS:" : type == 7 ? "IP:" : "type" + type + ":";
                    result.add(prefix + n.get(1));
                }
            }
        } catch (CertificateParsingException e) {
            result.add("unparsable: " + e.getMessage());
        }
        return result;
    }
}
