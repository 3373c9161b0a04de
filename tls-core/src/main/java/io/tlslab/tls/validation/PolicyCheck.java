package io.tlslab.tls.validation;

import io.tlslab.protocol.validation.ReasonCode;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.Extension;

/**
 * Certificate policy processing of RFC 5280 6.1 as far as a TLS client needs it: the user-initial policy
 * set is anyPolicy and the client requires no explicit policy, so the path fails only when a certificate
 * in it demands an explicit policy (policyConstraints requireExplicitPolicy) and the set of policies valid
 * for the whole path becomes empty, with inhibitAnyPolicy limiting where anyPolicy still matches. The
 * valid policy tree is kept as a set of policy OIDs: without policy mapping (a certificate that maps
 * policies is refused as {@code UNHANDLED_CRITICAL_EXTENSION} when the mapping is critical, and its
 * non-critical mapping is ignored, except that mapping anyPolicy invalidates the path, RFC 5280 6.1.4 (a),
 * see {@link ProfileRules}) the tree's leaves are exactly that set.
 */
final class PolicyCheck {
    private static final String ANY_POLICY = DecodedCertificate.ANY_POLICY;

    private PolicyCheck() {}

    private static void failed(DecodedCertificate f, int index, List<Finding> findings) {
        findings.add(new Finding(
                ReasonCode.PROFILE_VIOLATION,
                "an issuer requires an explicit certificate policy" + " but no policy is valid for the whole path at "
                        + f.subjectText() + " (RFC 5280 6.1.3/6.1.5)",
                index));
    }

    static void check(ValidationRun run, List<X509Certificate> path, boolean anchored, List<Finding> findings) {
        boolean constrained = false;
        for (X509Certificate c : path) {
            DecodedCertificate f = run.facts(c);
            constrained |= f.policyConstraints != null || f.inhibitAnyPolicy >= 0;
        }
        if (!constrained) {
            return; // nothing in the path can make policy processing fail
        }
        int n = anchored ? path.size() - 1 : path.size(); // certificates after the trust anchor
        int explicitPolicy = n + 1;
        int inhibitAny = n + 1;
        Set<String> valid = null; // null: {anyPolicy}, everything valid
        boolean empty = false;
        for (int step = 1; step <= n; step++) {
            int index = n - step; // path index, from the anchor side down to the leaf
            DecodedCertificate f = run.facts(path.get(index));
            boolean last = step == n;
            if (f.policies == null) {
                empty = true;
            } else if (!empty) {
                boolean anyAllowed = inhibitAny > 0 || (!last && f.selfIssued());
                Set<String> declared = new HashSet<>(f.policies);
                boolean declaresAny = anyAllowed && declared.remove(ANY_POLICY);
                if (!anyAllowed) {
                    declared.remove(ANY_POLICY);
                }
                if (valid == null) {
                    valid = declaresAny ? null : declared;
                } else if (!declaresAny) {
                    valid.retainAll(declared);
                }
                empty = valid != null && valid.isEmpty();
            }
            if (explicitPolicy == 0 && empty) { // 6.1.3 (f)
                failed(f, index, findings);
                return;
            }
            Integer require = f.policyConstraints == null
                            || f.policyConstraints.getRequireExplicitPolicyMapping() == null
                    ? null
                    : f.policyConstraints.getRequireExplicitPolicyMapping().intValue();
            if (!last) { // 6.1.4 (h), (i), (j)
                if (!f.selfIssued()) {
                    explicitPolicy = Math.max(0, explicitPolicy - 1);
                    inhibitAny = Math.max(0, inhibitAny - 1);
                }
                if (require != null) {
                    explicitPolicy = Math.min(explicitPolicy, require);
                }
                if (f.inhibitAnyPolicy >= 0) {
                    inhibitAny = Math.min(inhibitAny, f.inhibitAnyPolicy);
                }
            } else { // 6.1.5 (a), (b), (g)
                if (explicitPolicy > 0) {
                    explicitPolicy--;
                }
                if (require != null && require == 0) {
                    explicitPolicy = 0;
                }
                if (explicitPolicy == 0 && empty) {
                    failed(f, index, findings);
                    return;
                }
            }
            if (f.present(Extension.policyMappings) && f.critical(Extension.policyMappings)) {
                return; // reported as an unhandled critical extension; nothing sound to add
            }
        }
    }
}
