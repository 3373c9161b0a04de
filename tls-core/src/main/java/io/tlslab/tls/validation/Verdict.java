package io.tlslab.tls.validation;

import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The result of validating one served chain.
 *
 * @param outcome           what the endpoint does under its policy (non-strict: always accepted)
 * @param strictOutcome     what strict mode with the same allowlist concludes; the audit reports this
 * @param findings          every strict check that failed, enforced or not, in precedence order
 *                          (the first one is the primary reason)
 * @param allowlistOverride true when the served leaf is allowlisted and thereby turned failed checks
 *                          into an accept ({@link #findings()} says which checks it overrode)
 * @param path              the certificate path tlslab built: leaf first, then each issuer up to the
 *                          trust anchor, or up to the certificate where path building stopped
 * @param anchored          true when {@code path} ends at a trust anchor (configured root or an
 *                          allowlisted certificate of the served chain)
 */
public record Verdict(
        Outcome outcome,
        Outcome strictOutcome,
        List<Finding> findings,
        boolean allowlistOverride,
        List<X509Certificate> path,
        boolean anchored) {

    public Verdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(strictOutcome, "strictOutcome");
        findings = List.copyOf(findings);
        path = List.copyOf(path);
    }

    public boolean accepted() {
        return outcome.isAccepted();
    }

    /** The failing check declared first in {@link ReasonCode}; empty when every check passed. */
    public Optional<ReasonCode> primaryFinding() {
        return findings.isEmpty()
                ? Optional.empty()
                : Optional.of(findings.get(0).reason());
    }

    /** Distinct reason codes of all findings, in precedence order. */
    public Set<ReasonCode> failedChecks() {
        Set<ReasonCode> codes = new TreeSet<>();
        for (Finding f : findings) {
            codes.add(f.reason());
        }
        return codes;
    }
}
