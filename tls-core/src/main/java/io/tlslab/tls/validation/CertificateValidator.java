package io.tlslab.tls.validation;

import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import io.tlslab.protocol.validation.ValidationProfile;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * tlslab's strict validator (SPEC §5): every check runs in tlslab's own code path, so the reason code
 * is decided here and never inferred from a JDK exception message. Pure and thread-safe: one instance
 * serves any number of endpoints. All checks always run, so a non-strict endpoint can audit everything
 * strict mode would reject and an allowlisted one can log what the allowlist overrode.
 */
public final class CertificateValidator {
    static final Comparator<Finding> PRECEDENCE =
            Comparator.comparing(Finding::reason).thenComparingInt(Finding::certificateIndex);

    private final TrustAnchors anchors;
    /** Shared by every validation of this validator: its memo serves every endpoint using it. */
    private final Signatures signatures;
    /** Decoded certificates, shared like the signature memo: a reconnect sends the same bytes again. */
    private final DecodedCertificateCache facts;

    public CertificateValidator(TrustAnchors anchors) {
        this(anchors, Signatures.create(), new DecodedCertificateCache(DecodedCertificateCache.DEFAULT_ENTRIES));
    }

    /**
     * With the given signature verifier and <em>no</em> cache of decoded certificates: every validation
     * decodes what it is given, like an endpoint's first handshake (benchmarks measure "cold" this way).
     */
    CertificateValidator(TrustAnchors anchors, Signatures signatures) {
        this(anchors, signatures, new DecodedCertificateCache(0));
    }

    CertificateValidator(TrustAnchors anchors, Signatures signatures, DecodedCertificateCache facts) {
        this.anchors = Objects.requireNonNull(anchors, "anchors");
        this.signatures = Objects.requireNonNull(signatures, "signatures");
        this.facts = Objects.requireNonNull(facts, "facts");
    }

    public TrustAnchors anchors() {
        return anchors;
    }

    /** Which provider verifies signatures first: "Conscrypt" where it loads, else "JDK". */
    String signatureProvider() {
        return signatures.providerName();
    }

    /**
     * @param servedChain the certificates as the server sent them, leaf first; the rest in any order
     * @param dialledHost the DNS name or IP literal the endpoint dialled; null skips the hostname check
     *                    (offline use, e.g. {@code validate} without {@code --host}); an empty string
     *                    means "dialled, but the host is unknown" and fails it
     * @param at          the time to validate at
     * @param policy      strict or audit-only, SHA-1 handling, allowlist
     * @throws IllegalArgumentException when the chain is empty
     */
    public Verdict validate(
            List<X509Certificate> servedChain, String dialledHost, Instant at, ValidationPolicy policy) {
        return validate(servedChain, dialledHost, at, policy, new WorkBudget());
    }

    /** As {@link #validate(List, String, Instant, ValidationPolicy)}, with the budget given (tests read its counts). */
    Verdict validate(
            List<X509Certificate> servedChain,
            String dialledHost,
            Instant at,
            ValidationPolicy policy,
            WorkBudget budget) {
        if (servedChain == null || servedChain.isEmpty()) {
            throw new IllegalArgumentException("the served chain is empty: a TLS server always sends its certificate");
        }
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(policy, "policy");

        ValidationRun run = new ValidationRun(servedChain, anchors, policy, at, budget, signatures, facts);
        PathSearch.Evaluated built = PathSearch.search(run, (path, anchored) -> PathChecks.check(run, path, anchored));
        List<Finding> findings = new ArrayList<>(built.findings());
        X509Certificate leaf = servedChain.get(0);
        DecodedCertificate leafFacts = run.facts(leaf);
        if (policy.profile() == ValidationProfile.WEBPKI) {
            String problem = HostnameMatcher.webPkiNameProblem(leafFacts);
            if (problem != null) {
                findings.add(new Finding(ReasonCode.HOSTNAME_MISMATCH, problem, 0));
            }
        }
        if (dialledHost != null && dialledHost.isBlank()) {
            findings.add(new Finding(
                    ReasonCode.HOSTNAME_MISMATCH,
                    "the dialled host is unknown (TLS engine created"
                            + " without a peer host), so no name of the leaf can be checked",
                    0));
        } else if (dialledHost != null && !leafFacts.matchesHost(dialledHost, policy.profile())) {
            findings.add(new Finding(
                    ReasonCode.HOSTNAME_MISMATCH,
                    "dialled host '" + dialledHost + "' matches none of the leaf's names "
                            + HostnameMatcher.namesOf(leafFacts, policy.profile()),
                    0));
        }
        findings.sort(PRECEDENCE);

        boolean leafAllowlisted = isAllowlisted(leaf, policy);
        Outcome strictOutcome = findings.isEmpty() || leafAllowlisted
                ? Outcome.accepted()
                : Outcome.rejected(findings.get(0).reason());
        Outcome outcome = policy.strictValidation() ? strictOutcome : Outcome.accepted();
        return new Verdict(
                outcome,
                strictOutcome,
                findings,
                leafAllowlisted && !findings.isEmpty(),
                built.path(),
                built.anchored());
    }

    private static boolean isAllowlisted(X509Certificate leaf, ValidationPolicy policy) {
        if (policy.allowlist().isEmpty()) {
            return false;
        }
        try {
            return policy.allowlist().matches(leaf.getEncoded());
        } catch (CertificateEncodingException e) {
            return false;
        }
    }
}
