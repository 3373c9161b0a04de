package io.tlslab.tls.validation;

import io.tlslab.protocol.validation.ReasonCode;
import io.tlslab.protocol.validation.ValidationProfile;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-certificate and per-link checks of SPEC §5 on one candidate path: validity, algorithms, keys,
 * decoding problems, critical extensions, the RFC 5280 / CA/B Forum profile rules, basic constraints, key
 * usage, name constraints, policies and revocation. Each failure becomes one {@link Finding}; nothing here
 * throws for a bad certificate. Works from {@link DecodedCertificate}, so nothing is decoded twice.
 */
final class PathChecks {
    static final int MIN_RSA_BITS = 2048;
    static final int MIN_EC_BITS = 256;
    static final int MIN_DSA_BITS = 2048;

    static final int KU_DIGITAL_SIGNATURE = 0;
    static final int KU_KEY_ENCIPHERMENT = 2;
    static final int KU_KEY_CERT_SIGN = 5;
    static final int KU_CRL_SIGN = 6;

    private PathChecks() {}

    /**
     * @param anchored the last certificate of {@code path} is a trust anchor
     * @return every path-dependent failure (the hostname aside)
     */
    static List<Finding> check(ValidationRun run, List<X509Certificate> path, boolean anchored) {
        List<Finding> findings = new ArrayList<>(0);
        int last = path.size() - 1;
        // the anchor itself, or an untrusted path's terminal root, is exempt from the algorithm and profile checks
        boolean endsAtRoot = anchored || run.facts(path.get(last)).selfIssued();
        int belowAnchor = endsAtRoot ? last : path.size();
        long now = run.atMillis;
        for (int i = 0; i < path.size(); i++) {
            X509Certificate c = path.get(i);
            DecodedCertificate facts = run.facts(c);
            validity(facts, i, now, findings);
            key(facts, i, run.policy, i < belowAnchor, findings);
            if (i < belowAnchor) {
                algorithm(facts, i, run.policy.rejectSha1(), findings);
                for (Finding own : facts.ownRules(run.policy.profile(), i == 0, PathChecks::ownRules)) {
                    findings.add(new Finding(own.reason(), own.detail(), i));
                }
            } else {
                ProfileRules.checkAnchor(facts, i, run.policy.profile(), findings);
            }
            if (i > 0) {
                issuerConstraints(run, path, i, i == last && anchored, findings);
            }
        }
        leafUsage(run.facts(path.get(0)), run.policy, findings);
        NameConstraintsCheck.check(run, path, findings);
        PolicyCheck.check(run, path, anchored, findings);
        if (anchored && !run.policy.crls().isEmpty()) {
            RevocationCheck.check(run, path, findings);
        }
        return findings;
    }

    /**
     * The checks of one certificate below the anchor that depend on nothing but its bytes, the profile and
     * whether it is the leaf (decoding problems, unprocessed critical extensions, profile rules): computed
     * once per certificate and role, indexed 0 (leaf) or 1 (any CA position; the caller re-indexes).
     */
    private static List<Finding> ownRules(DecodedCertificate facts, ValidationProfile profile, boolean leaf) {
        int i = leaf ? 0 : 1;
        List<Finding> findings = new ArrayList<>(0);
        problems(facts, i, findings);
        for (String oid : facts.unprocessedCritical) {
            findings.add(new Finding(
                    ReasonCode.UNHANDLED_CRITICAL_EXTENSION,
                    facts.subjectText() + " has a critical extension " + oid + " that tlslab does not process",
                    i));
        }
        ProfileRules.check(facts, i, profile, findings);
        return findings;
    }

    /** Decoding problems, attributed to the check that owns the extension for this certificate's role. */
    private static void problems(DecodedCertificate facts, int i, List<Finding> findings) {
        for (DecodedCertificate.Problem p : facts.problems) {
            ReasonCode reason = p.reason();
            if (i > 0 && reason == ReasonCode.HOSTNAME_MISMATCH) {
                reason = ReasonCode.NAME_CONSTRAINTS; // a CA's SANs only matter to the name constraints above it
            } else if (i == 0 && reason == ReasonCode.NOT_CA) {
                reason = ReasonCode.PROFILE_VIOLATION;
            }
            findings.add(new Finding(reason, p.detail(), i));
        }
    }

    private static void validity(DecodedCertificate c, int i, long now, List<Finding> findings) {
        if (now < c.notBeforeMillis) {
            findings.add(new Finding(
                    ReasonCode.NOT_YET_VALID,
                    c.subjectText() + " is not valid before " + Instant.ofEpochMilli(c.notBeforeMillis),
                    i));
        }
        if (now > c.notAfterMillis) {
            findings.add(new Finding(
                    ReasonCode.EXPIRED, c.subjectText() + " expired at " + Instant.ofEpochMilli(c.notAfterMillis), i));
        }
    }

    private static void algorithm(DecodedCertificate c, int i, boolean rejectSha1, List<Finding> findings) {
        SignatureAlgorithms.Digest digest = c.digest;
        if (digest == SignatureAlgorithms.Digest.MD2
                || digest == SignatureAlgorithms.Digest.MD5
                || (rejectSha1 && digest == SignatureAlgorithms.Digest.SHA1)) {
            findings.add(new Finding(
                    ReasonCode.WEAK_ALGORITHM,
                    c.subjectText() + " is signed with " + c.certificate.getSigAlgName() + " (" + digest + ")",
                    i));
        }
    }

    private static void key(
            DecodedCertificate c, int i, ValidationPolicy policy, boolean belowAnchor, List<Finding> findings) {
        PublicKey key = c.publicKey();
        boolean webPki = policy.profile() == io.tlslab.protocol.validation.ValidationProfile.WEBPKI;
        int bits;
        int minimum;
        if (key instanceof RSAKey rsa) {
            bits = rsa.getModulus().bitLength();
            minimum = MIN_RSA_BITS;
            if (webPki && belowAnchor && bits % 8 != 0) {
                findings.add(new Finding(
                        ReasonCode.PROFILE_VIOLATION,
                        c.subjectText() + " has a " + bits
                                + "-bit RSA modulus, not a multiple of 8 (CA/B Forum BR 6.1.5)",
                        i));
            }
        } else if (key instanceof ECKey ec) {
            bits = ec.getParams().getOrder().bitLength();
            minimum = MIN_EC_BITS;
        } else if (key instanceof DSAKey dsa) {
            if (webPki) {
                findings.add(new Finding(
                        ReasonCode.WEAK_KEY,
                        c.subjectText() + " has a DSA key, which the CA/B Forum BR do not allow (6.1.5)",
                        i));
                return;
            }
            bits = dsa.getParams().getP().bitLength();
            minimum = MIN_DSA_BITS;
        } else {
            return; // EdDSA and other fixed-strength keys have no weak sizes
        }
        if (bits < minimum) {
            findings.add(new Finding(
                    ReasonCode.WEAK_KEY,
                    c.subjectText() + " has a " + bits + "-bit " + key.getAlgorithm() + " key (minimum " + minimum
                            + ")",
                    i));
        }
    }

    /** Checks on path[i] as the issuer of path[i-1]. */
    private static void issuerConstraints(
            ValidationRun run, List<X509Certificate> path, int i, boolean isAnchor, List<Finding> findings) {
        X509Certificate issuer = path.get(i);
        DecodedCertificate facts = run.facts(issuer);
        // a v1 certificate has no extensions at all; tolerated only as the trust anchor (RFC 5280 6.1)
        boolean v1Anchor = facts.version < 3 && i == path.size() - 1;
        if (!facts.isCa() && !v1Anchor) {
            findings.add(new Finding(
                    ReasonCode.NOT_CA,
                    facts.subjectText() + " issued a certificate but is not a CA (no cA basic constraint)",
                    i));
        }
        if (facts.isCa() && facts.pathLenConstraint() != null) {
            long pathLen = facts.pathLenConstraint().longValue();
            int intermediatesBelow = 0;
            for (int j = 1; j < i; j++) {
                if (!run.facts(path.get(j)).selfIssued()) {
                    intermediatesBelow++;
                }
            }
            if (intermediatesBelow > pathLen) {
                findings.add(new Finding(
                        ReasonCode.PATH_TOO_LONG,
                        facts.subjectText() + " allows " + pathLen + " intermediate(s) below it, the path has "
                                + intermediatesBelow,
                        i));
            }
        }
        if (facts.keyUsage != null && !facts.keyUsageBit(KU_KEY_CERT_SIGN)) {
            findings.add(new Finding(
                    ReasonCode.BAD_KEY_USAGE,
                    facts.subjectText() + " issued a certificate but its key usage lacks keyCertSign",
                    i));
        }
        List<String> eku = facts.extendedKeyUsage;
        if (!isAnchor
                && eku != null
                && !eku.contains(DecodedCertificate.EKU_SERVER_AUTH)
                && !eku.contains(DecodedCertificate.EKU_ANY)) {
            findings.add(new Finding(
                    ReasonCode.BAD_KEY_USAGE,
                    "intermediate " + facts.subjectText() + " restricts its extended key usage to " + eku
                            + ", which excludes serverAuth",
                    i));
        }
    }

    private static void leafUsage(DecodedCertificate leaf, ValidationPolicy policy, List<Finding> findings) {
        // keyEncipherment alone is legitimate for an RSA key used in TLS 1.2 RSA key exchange
        if (leaf.keyUsage != null
                && !leaf.keyUsageBit(KU_DIGITAL_SIGNATURE)
                && !(leaf.publicKey() instanceof RSAKey && leaf.keyUsageBit(KU_KEY_ENCIPHERMENT))) {
            findings.add(new Finding(
                    ReasonCode.BAD_KEY_USAGE, leaf.subjectText() + " has a key usage without digitalSignature", 0));
        }
        if (leaf.keyUsageBit(KU_KEY_CERT_SIGN) && !leaf.isCa()) {
            findings.add(new Finding(
                    ReasonCode.BAD_KEY_USAGE,
                    leaf.subjectText() + " asserts keyCertSign without being a CA (RFC 5280 4.2.1.9)",
                    0));
        }
        List<String> eku = leaf.extendedKeyUsage;
        boolean webPki = policy.profile() == io.tlslab.protocol.validation.ValidationProfile.WEBPKI;
        if (webPki && leaf.present(org.bouncycastle.asn1.x509.Extension.extendedKeyUsage) && eku == null) {
            return; // undecodable: already a BAD_KEY_USAGE problem
        }
        if (webPki && (eku == null || !eku.contains(DecodedCertificate.EKU_SERVER_AUTH))) {
            findings.add(new Finding(
                    ReasonCode.BAD_KEY_USAGE,
                    leaf.subjectText() + " has "
                            + (eku == null ? "no extended key usage" : "extended key usage " + eku)
                            + "; webpki requires serverAuth (anyExtendedKeyUsage alone is not enough)",
                    0));
        } else if (eku != null
                && !eku.contains(DecodedCertificate.EKU_SERVER_AUTH)
                && !eku.contains(DecodedCertificate.EKU_ANY)) {
            findings.add(new Finding(
                    ReasonCode.BAD_KEY_USAGE,
                    leaf.subjectText() + " is not for TLS servers (extended key usage " + eku + " lacks serverAuth)",
                    0));
        }
    }
}
