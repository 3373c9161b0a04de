package io.tlslab.ca.manifest;

import io.tlslab.protocol.cert.CertificateFacts;
import java.security.cert.X509Certificate;
import java.util.List;

/** One certificate as the manifest records it; times are ISO-8601 UTC, fingerprints colon upper hex. */
public record CertificateEntry(
        String subject,
        String issuer,
        String serial,
        String key,
        String signatureAlgorithm,
        String notBefore,
        String notAfter,
        List<String> subjectAltNames,
        boolean ca,
        int pathLength,
        boolean selfSigned,
        String sha1,
        String sha256) {

    public static CertificateEntry of(X509Certificate certificate) {
        CertificateFacts i = CertificateFacts.of(certificate);
        return new CertificateEntry(
                i.subject(),
                i.issuer(),
                i.serialHex(),
                i.key(),
                i.signatureAlgorithm(),
                i.notBefore().toString(),
                i.notAfter().toString(),
                i.subjectAltNames(),
                i.ca(),
                i.pathLength(),
                i.selfSigned(),
                i.sha1().toString(),
                i.sha256().toString());
    }
}
