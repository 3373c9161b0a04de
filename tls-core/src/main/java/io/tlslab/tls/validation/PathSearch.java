package io.tlslab.tls.validation;

import io.tlslab.protocol.validation.ReasonCode;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import javax.security.auth.x500.X500Principal;

/**
 * Builds certificate paths from the served leaf towards a trust anchor the way RFC 4158 describes:
 * every certificate whose subject names the current certificate's issuer is a candidate (trust anchors,
 * the served certificates in any order, configured intermediates; same subject with different keys and
 * cross-signed copies alike), candidates are tried depth-first in order of promise, and when a complete
 * path fails any check the search backtracks and tries the next candidate. It stops at the first path
 * that passes every check, or when there is nothing left to try (then the most promising failed path is
 * reported, see {@link #better}), or when the {@link WorkBudget} runs out.
 *
 * <p>A candidate whose signature does not verify is not an issuer. Only when no candidate verifies does
 * the search follow a candidate whose key identifiers agree anyway, to report the link as BAD_SIGNATURE
 * (a tampered certificate) rather than as a missing issuer. Where a search branch dies decides its trust
 * reason: at a self-issued certificate SELF_SIGNED if it is the leaf, else UNTRUSTED_ROOT; at a certificate
 * whose issuer is already on the path (a loop) UNTRUSTED_ROOT too, because nothing is missing: the chain
 * is complete and simply leads nowhere trusted; at a certificate whose issuer is nowhere to be found
 * INCOMPLETE_CHAIN; past the policy's depth PATH_TOO_LONG.
 *
 * <p>Cycles cannot happen: a candidate whose subject and key already appear on the path is skipped
 * (RFC 4158 3.5.2), which also ends the search at a self-signed certificate.
 */
final class PathSearch {
    /** One complete candidate path and everything wrong with it (hostname aside: that is path-independent). */
    record Evaluated(List<X509Certificate> path, boolean anchored, List<Finding> findings) {}

    private final ValidationRun run;
    private final BiFunction<List<X509Certificate>, Boolean, List<Finding>> checks;
    private final List<X509Certificate> path = new ArrayList<>(4);
    private final List<Finding> trust = new ArrayList<>(2);
    private Evaluated best;

    private PathSearch(ValidationRun run, BiFunction<List<X509Certificate>, Boolean, List<Finding>> checks) {
        this.run = run;
        this.checks = checks;
    }

    /**
     * @param checks the path-dependent checks of a complete path (path, anchored) -> findings
     * @return the first path that passes, else the most promising failed one; with a TOO_COMPLEX finding
     *         when the budget ran out before the search finished
     */
    static Evaluated search(ValidationRun run, BiFunction<List<X509Certificate>, Boolean, List<Finding>> checks) {
        PathSearch search = new PathSearch(run, checks);
        X509Certificate leaf = run.served.get(0);
        search.path.add(leaf);
        try {
            search.extend();
        } catch (WorkBudget.Exhausted e) {
            Evaluated sofar = search.best != null ? search.best : new Evaluated(List.of(leaf), false, List.of());
            List<Finding> findings = new ArrayList<>(sofar.findings());
            findings.add(new Finding(
                    ReasonCode.TOO_COMPLEX,
                    "validation gave up after " + e.getMessage() + "; the most promising path so far is reported",
                    -1));
            return new Evaluated(sofar.path(), sofar.anchored(), findings);
        }
        return search.best;
    }

    /** Extends the path from its last certificate; returns true once a path passed every check. */
    private boolean extend() {
        int index = path.size() - 1;
        X509Certificate current = path.get(index);
        if (run.anchors.isRoot(current, run.facts(current)) || (index > 0 && isAllowlistedServed(current))) {
            return complete(true, null);
        }
        List<X509Certificate> candidates = candidates(current);
        if (index > run.policy.maxIntermediates() && !candidates.isEmpty()) {
            return complete(
                    false,
                    new Finding(
                            ReasonCode.PATH_TOO_LONG,
                            "no trust anchor within " + run.policy.maxIntermediates()
                                    + " intermediate(s), the endpoint's maximum",
                            index));
        }
        boolean anyVerified = false;
        for (X509Certificate candidate : candidates) {
            if (run.verifies(current, candidate)) {
                anyVerified = true;
                if (descend(candidate, null)) {
                    return true;
                }
            }
        }
        if (anyVerified) {
            return false;
        }
        boolean followedBadSignature = false;
        if (!run.facts(current).selfIssued()) {
            // A self-issued certificate is its own issuer, so a same-named root that fails to verify it is not.
            for (X509Certificate candidate : candidates) {
                if (keyIdentifiersAgree(current, candidate)) {
                    followedBadSignature = true;
                    if (descend(
                            candidate,
                            new Finding(
                                    ReasonCode.BAD_SIGNATURE,
                                    "signature of "
                                            + run.facts(current).subjectText()
                                            + " does not verify with the key of its issuer "
                                            + run.facts(candidate).subjectText(),
                                    index))) {
                        return true;
                    }
                }
            }
        }
        return !followedBadSignature && complete(false, deadEnd(run.facts(current), index, loopsBackTo(current)));
    }

    /**
     * The certificate already on the path (before {@code current}) that issued {@code current}, if any: then
     * the path is a loop (RFC 4158 3.5.2), its issuer is present, and no trust anchor lies that way.
     */
    private DecodedCertificate loopsBackTo(X509Certificate current) {
        DecodedCertificate facts = run.facts(current);
        if (facts.selfIssued()) {
            return null;
        }
        for (int i = 0; i < path.size() - 1; i++) {
            X509Certificate onPath = path.get(i);
            DecodedCertificate onPathFacts = run.facts(onPath);
            if (onPathFacts.namesIssuerOf(facts) && run.verifies(current, onPath)) {
                return onPathFacts;
            }
        }
        return null;
    }

    private boolean descend(X509Certificate issuer, Finding linkFinding) {
        path.add(issuer);
        if (linkFinding != null) {
            trust.add(linkFinding);
        }
        try {
            return extend();
        } finally {
            path.remove(path.size() - 1);
            if (linkFinding != null) {
                trust.remove(trust.size() - 1);
            }
        }
    }

    private boolean complete(boolean anchored, Finding deadEnd) {
        run.budget.chargePath();
        List<X509Certificate> snapshot = List.copyOf(path);
        List<Finding> findings = new ArrayList<>(trust);
        if (deadEnd != null) {
            findings.add(deadEnd);
        }
        findings.addAll(checks.apply(snapshot, anchored));
        findings.sort(CertificateValidator.PRECEDENCE);
        Evaluated evaluated = new Evaluated(snapshot, anchored, findings);
        if (best == null || better(evaluated, best)) {
            best = evaluated;
        }
        return anchored && findings.isEmpty();
    }

    /**
     * Most promising first: a path that reaches a trust anchor; then the one whose primary (first) failure
     * comes latest in the precedence order (its worst problem is the mildest); then fewer findings; then
     * the earlier found (the candidate order already prefers anchors, matching key identifiers and
     * currently valid certificates).
     */
    static boolean better(Evaluated a, Evaluated b) {
        if (a.anchored() != b.anchored()) {
            return a.anchored();
        }
        if (a.findings().isEmpty() || b.findings().isEmpty()) {
            return b.findings().size() > a.findings().size() && a.findings().isEmpty();
        }
        int primary = a.findings().get(0).reason().compareTo(b.findings().get(0).reason());
        if (primary != 0) {
            return primary > 0;
        }
        return a.findings().size() < b.findings().size();
    }

    private static Finding deadEnd(DecodedCertificate current, int index, DecodedCertificate loopsBackTo) {
        if (current.selfIssued()) {
            return index == 0
                    ? new Finding(
                            ReasonCode.SELF_SIGNED,
                            "self-signed certificate " + current.subjectText() + " is not a trusted root",
                            index)
                    : new Finding(
                            ReasonCode.UNTRUSTED_ROOT,
                            "path ends at root " + current.subjectText() + ", which is not trusted",
                            index);
        }
        if (loopsBackTo != null) {
            return new Finding(
                    ReasonCode.UNTRUSTED_ROOT,
                    "path loops: " + current.subjectText() + " was issued by "
                            + loopsBackTo.subjectText()
                            + ", which is already on the path, and no issuer leads to a trusted root",
                    index);
        }
        return new Finding(
                ReasonCode.INCOMPLETE_CHAIN,
                "issuer " + displayName(current.issuerPrincipal())
                        + " of " + current.subjectText()
                        + " was neither sent by the server, nor configured, nor trusted",
                index);
    }

    /**
     * Every certificate named like {@code current}'s issuer that would not close a cycle, in order of
     * promise (RFC 4158 4.1): trust anchors first, then those whose subject key identifier matches the
     * authority key identifier, then those valid now, then served before configured ones.
     */
    private List<X509Certificate> candidates(X509Certificate current) {
        DecodedCertificate currentFacts = run.facts(current);
        List<X509Certificate> found = new ArrayList<>(2);
        for (X509Certificate root : run.anchors.rootsIssuing(currentFacts)) {
            addIfNew(found, root);
        }
        int anchorCount = found.size();
        for (int i = 1; i < run.served.size(); i++) {
            X509Certificate c = run.served.get(i);
            // one already on the path would not be added (addIfNew), so skip its name comparison, which costs
            // canonical names whenever the two names differ (a CA's own subject and issuer usually do)
            if (!onPath(c) && run.facts(c).namesIssuerOf(currentFacts)) {
                addIfNew(found, c);
            }
        }
        for (X509Certificate configured : run.anchors.intermediatesIssuing(currentFacts)) {
            addIfNew(found, configured);
        }
        if (found.size() - anchorCount > 1) {
            List<X509Certificate> rest = found.subList(anchorCount, found.size());
            rest.sort(Comparator.comparingInt((X509Certificate c) -> keyIdentifiersMatch(current, c) ? 0 : 1)
                    .thenComparingInt(c -> run.facts(c).validAt(run.atMillis) ? 0 : 1));
        }
        return found;
    }

    private boolean onPath(X509Certificate certificate) {
        for (X509Certificate onPath : path) {
            if (onPath == certificate) {
                return true;
            }
        }
        return false;
    }

    private void addIfNew(List<X509Certificate> found, X509Certificate candidate) {
        for (X509Certificate c : found) {
            if (c == candidate || c.equals(candidate)) {
                return;
            }
        }
        DecodedCertificate candidateFacts = null;
        for (X509Certificate onPath : path) {
            if (onPath == candidate) {
                return;
            }
            if (candidateFacts == null) {
                candidateFacts = run.facts(candidate);
            }
            DecodedCertificate onPathFacts = run.facts(onPath);
            // the key first: different keys are the common case and comparing them is cheap, while names
            // that are not byte-identical cost a canonical comparison (both must match to skip)
            if (onPathFacts.sameKeyAs(candidateFacts) && onPathFacts.sameSubjectAs(candidateFacts)) {
                return;
            }
        }
        found.add(candidate);
    }

    private boolean isAllowlistedServed(X509Certificate certificate) {
        if (run.policy.allowlist().isEmpty()) {
            return false;
        }
        boolean isServed = false;
        for (int i = 1; i < run.served.size() && !isServed; i++) {
            isServed = run.served.get(i) == certificate;
        }
        try {
            return isServed && run.policy.allowlist().matches(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            return false;
        }
    }

    /** False only when both identifiers are present and differ: then the candidate is not the issuer. */
    private boolean keyIdentifiersAgree(X509Certificate subject, X509Certificate candidateIssuer) {
        byte[] aki = authorityKeyId(subject);
        byte[] ski = run.facts(candidateIssuer).subjectKeyIdentifier;
        return aki == null || ski == null || Arrays.equals(aki, ski);
    }

    /** Both identifiers present and equal. */
    private boolean keyIdentifiersMatch(X509Certificate subject, X509Certificate candidateIssuer) {
        byte[] aki = authorityKeyId(subject);
        return aki != null && Arrays.equals(aki, run.facts(candidateIssuer).subjectKeyIdentifier);
    }

    private byte[] authorityKeyId(X509Certificate subject) {
        DecodedCertificate facts = run.facts(subject);
        return facts.authorityKeyIdentifier == null ? null : facts.authorityKeyIdentifier.getKeyIdentifierOctets();
    }

    private static String displayName(X500Principal name) {
        String n = name.getName();
        return n.isEmpty() ? "(empty name)" : n;
    }
}
