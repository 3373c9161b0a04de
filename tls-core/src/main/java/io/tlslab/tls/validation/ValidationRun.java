package io.tlslab.tls.validation;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one validation: its inputs, its work budget, and what it has already learnt, so that no
 * extension is decoded twice and no signature verified twice however many candidate paths share a
 * certificate or a link. Lives for one {@link CertificateValidator#validate} call; not thread-safe.
 */
final class ValidationRun {
    final List<X509Certificate> served;
    final TrustAnchors anchors;
    final ValidationPolicy policy;
    final Instant at;
    /** {@link #at} in epoch milliseconds, the resolution of certificate dates. */
    final long atMillis;

    final WorkBudget budget;
    final Signatures signatures;
    private final DecodedCertificateCache shared;
    private final Map<X509Certificate, DecodedCertificate> facts = new IdentityHashMap<>();
    private final Map<X509Certificate, Map<X509Certificate, Boolean>> verified = new IdentityHashMap<>();

    ValidationRun(
            List<X509Certificate> served,
            TrustAnchors anchors,
            ValidationPolicy policy,
            Instant at,
            WorkBudget budget,
            Signatures signatures,
            DecodedCertificateCache shared) {
        this.served = served;
        this.anchors = anchors;
        this.policy = policy;
        this.at = at;
        this.atMillis = at.toEpochMilli();
        this.budget = budget;
        this.signatures = signatures;
        this.shared = shared;
    }

    DecodedCertificate facts(X509Certificate certificate) {
        DecodedCertificate known = facts.get(certificate);
        if (known == null) {
            known = anchors.facts(certificate); // decoded when the anchors were configured
            if (known == null) {
                known = shared.facts(certificate);
            }
            facts.put(certificate, known);
        }
        return known;
    }

    /** Does {@code issuer}'s key verify {@code subject}'s signature? Each link is verified at most once. */
    boolean verifies(X509Certificate subject, X509Certificate issuer) {
        Map<X509Certificate, Boolean> byIssuer = verified.computeIfAbsent(subject, k -> new IdentityHashMap<>(2));
        Boolean known = byIssuer.get(issuer);
        if (known == null) {
            budget.chargeSignature();
            known = signatures.verifies(subject, facts(subject), facts(issuer));
            byIssuer.put(issuer, known);
        }
        return known;
    }
}
