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
    /**
     * The first few certificates' facts and links in plain arrays searched by identity (a chain has a
     * handful, and these lookups run many times per validation); beyond that in identity maps, so a long
     * crafted chain costs no quadratic scan.
     */
    private static final int SMALL = 8;

    private final X509Certificate[] seen = new X509Certificate[SMALL];
    private final DecodedCertificate[] seenFacts = new DecodedCertificate[SMALL];
    private int seenCount;
    private Map<X509Certificate, DecodedCertificate> moreFacts;
    private final X509Certificate[] linkSubjects = new X509Certificate[SMALL];
    private final X509Certificate[] linkIssuers = new X509Certificate[SMALL];
    private final boolean[] linkVerified = new boolean[SMALL];
    private int linkCount;
    private Map<X509Certificate, Map<X509Certificate, Boolean>> moreLinks;

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
        for (int i = 0; i < seenCount; i++) {
            if (seen[i] == certificate) {
                return seenFacts[i];
            }
        }
        DecodedCertificate known = moreFacts == null ? null : moreFacts.get(certificate);
        if (known == null) {
            known = anchors.facts(certificate); // decoded when the anchors were configured
            if (known == null) {
                known = shared.facts(certificate);
            }
            if (seenCount < SMALL) {
                seen[seenCount] = certificate;
                seenFacts[seenCount++] = known;
            } else {
                if (moreFacts == null) {
                    moreFacts = new IdentityHashMap<>();
                }
                moreFacts.put(certificate, known);
            }
        }
        return known;
    }

    /** Does {@code issuer}'s key verify {@code subject}'s signature? Each link is verified at most once. */
    boolean verifies(X509Certificate subject, X509Certificate issuer) {
        for (int i = 0; i < linkCount; i++) {
            if (linkSubjects[i] == subject && linkIssuers[i] == issuer) {
                return linkVerified[i];
            }
        }
        Map<X509Certificate, Boolean> byIssuer = moreLinks == null ? null : moreLinks.get(subject);
        Boolean remembered = byIssuer == null ? null : byIssuer.get(issuer);
        if (remembered != null) {
            return remembered;
        }
        budget.chargeSignature();
        boolean verified = signatures.verifies(subject, facts(subject), facts(issuer));
        if (linkCount < SMALL) {
            linkSubjects[linkCount] = subject;
            linkIssuers[linkCount] = issuer;
            linkVerified[linkCount++] = verified;
        } else {
            if (moreLinks == null) {
                moreLinks = new IdentityHashMap<>();
            }
            moreLinks.computeIfAbsent(subject, k -> new IdentityHashMap<>(2)).put(issuer, verified);
        }
        return verified;
    }
}
