package io.tlslab.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tlslab.protocol.cert.CertificateFacts;
import io.tlslab.protocol.json.Json;
import io.tlslab.tls.validation.Finding;
import io.tlslab.tls.validation.ValidationPolicy;
import io.tlslab.tls.validation.Verdict;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The output of {@code validate}, as text for people and JSON for scripts. The JSON shape is a contract
 * (documented in endpoint-client/README.md): fields are only ever added, never renamed or removed.
 */
final class VerdictReport {
    static final int JSON_VERSION = 1;

    private final Verdict verdict;
    private final List<X509Certificate> served;
    private final String host;
    private final Instant at;
    private final ValidationPolicy policy;

    private VerdictReport(
            Verdict verdict, List<X509Certificate> served, String host, Instant at, ValidationPolicy policy) {
        this.verdict = verdict;
        this.served = served;
        this.host = host;
        this.at = at;
        this.policy = policy;
    }

    static VerdictReport of(
            Verdict verdict, List<X509Certificate> served, String host, Instant at, ValidationPolicy policy) {
        return new VerdictReport(verdict, served, host, at, policy);
    }

    String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", JSON_VERSION);
        root.put("outcome", verdict.outcome().toString());
        root.put("accepted", verdict.accepted());
        root.put("reason", verdict.outcome().reason().map(Enum::name).orElse(null));
        root.put("allowlistOverride", verdict.allowlistOverride());
        root.put("host", host);
        root.put("at", at.toString());
        Map<String, Object> policyJson = new LinkedHashMap<>();
        policyJson.put("sha1", policy.rejectSha1() ? "reject" : "allow");
        policyJson.put(
                "allowlist",
                policy.allowlist().asList().stream().map(Object::toString).toList());
        root.put("policy", policyJson);
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : verdict.findings()) {
            Map<String, Object> fj = new LinkedHashMap<>();
            fj.put("reason", f.reason().name());
            fj.put("certificate", f.certificateIndex());
            fj.put("detail", f.detail());
            findings.add(fj);
        }
        root.put("findings", findings);
        root.put("anchored", verdict.anchored());
        List<Map<String, Object>> path = new ArrayList<>();
        List<X509Certificate> certs = verdict.path();
        for (int i = 0; i < certs.size(); i++) {
            CertificateFacts s = CertificateFacts.of(certs.get(i));
            Map<String, Object> cj = new LinkedHashMap<>();
            cj.put("index", i);
            cj.put("source", source(certs.get(i), i == certs.size() - 1));
            cj.put("subject", s.subject());
            cj.put("issuer", s.issuer());
            cj.put("subjectAltNames", s.subjectAltNames());
            cj.put("notBefore", s.notBefore().toString());
            cj.put("notAfter", s.notAfter().toString());
            cj.put("signatureAlgorithm", s.signatureAlgorithm());
            cj.put("sha1", s.sha1().toString());
            cj.put("sha256", s.sha256().toString());
            path.add(cj);
        }
        root.put("path", path);
        try {
            return Json.prettyWriter().writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render verdict as JSON", e);
        }
    }

    String toText() {
        StringBuilder out = new StringBuilder();
        String nl = System.lineSeparator();
        out.append(verdict.outcome()).append(nl);
        out.append("  host: ")
                .append(host == null ? "(not checked: no --host)" : host)
                .append(", at: ")
                .append(at)
                .append(", sha1: ")
                .append(policy.rejectSha1() ? "reject" : "allow")
                .append(", allowlist: ")
                .append(policy.allowlist().isEmpty() ? "(empty)" : policy.allowlist())
                .append(nl);
        if (verdict.allowlistOverride()) {
            out.append("  accepted by the allowlist, overriding:").append(nl);
        } else if (!verdict.findings().isEmpty()) {
            out.append("  failed checks:").append(nl);
        }
        for (Finding f : verdict.findings()) {
            out.append("    ")
                    .append(f.reason())
                    .append(f.certificateIndex() >= 0 ? " [" + f.certificateIndex() + "]" : "")
                    .append(": ")
                    .append(f.detail())
                    .append(nl);
        }
        out.append("  path")
                .append(verdict.anchored() ? " (ends at a trust anchor)" : " (no trust anchor reached)")
                .append(':')
                .append(nl);
        List<X509Certificate> certs = verdict.path();
        for (int i = 0; i < certs.size(); i++) {
            CertificateFacts s = CertificateFacts.of(certs.get(i));
            out.append("    [")
                    .append(i)
                    .append("] ")
                    .append(s.subject().isEmpty() ? "(empty subject)" : s.subject())
                    .append(" (")
                    .append(source(certs.get(i), i == certs.size() - 1))
                    .append(')')
                    .append(nl);
            out.append("        issuer: ").append(s.issuer()).append(nl);
            if (!s.subjectAltNames().isEmpty()) {
                out.append("        SANs: ")
                        .append(String.join(", ", s.subjectAltNames()))
                        .append(nl);
            }
            out.append("        valid: ")
                    .append(s.notBefore())
                    .append(" .. ")
                    .append(s.notAfter())
                    .append(", ")
                    .append(s.signatureAlgorithm())
                    .append(nl);
            out.append("        SHA-1: ").append(s.sha1()).append(nl);
            out.append("        SHA-256: ").append(s.sha256()).append(nl);
        }
        return out.toString();
    }

    /** Where a path certificate came from: the served chain, or the endpoint's own configuration. */
    private String source(X509Certificate certificate, boolean last) {
        boolean wasServed = served.contains(certificate);
        if (last && verdict.anchored()) {
            return wasServed ? "served, trust anchor" : "trust anchor";
        }
        return wasServed ? "served" : "configured intermediate";
    }
}
