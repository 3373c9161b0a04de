package io.tlslab.ca.manifest;

import io.tlslab.ca.CertificateInfo;
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
        CertificateInfo i = CertificateInfo.of(certificate);
        return new CertificateEntry(
                i.subject(),
                i.issuer(),
                i.serial(),
                i.key(),
                i.signatureAlgorithm(),
                i.notBefore().toString(),
                i.notAfter().toString(),
                i.subjectAltNames(),
                i.ca(),
                i.pathLength(),
                i.selfSigned(),
                i.sha1(),
                i.sha256());
    }
}
