package io.tlslab.tls.validation;

import io.tlslab.protocol.settings.FingerprintList;
import io.tlslab.protocol.validation.ReasonCode;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Builds the path from the served leaf up to a trust anchor, whatever order the server sent its
 * certificates in, ignoring extra ones, and filling gaps from configured intermediates. Each link's
 * signature is verified while building, because verification is what tells two same-named issuers
 * apart (e.g. a served untrusted root named like the trusted one).
 *
 * <p>Where building stops without an anchor decides the trust reason (helper contract): at a
 * self-issued certificate: SELF_SIGNED if it is the leaf, else UNTRUSTED_ROOT; at a certificate whose
 * issuer is nowhere to be found: INCOMPLETE_CHAIN.
 */
final class CertPathBuilder {
    /** Longer paths are not built (and a cycle cannot loop): no real PKI comes near this. */
    static final int MAX_PATH_LENGTH = 12;

    private CertPathBuilder() {
    }

    /**
     * @param path     leaf first, then issuers
     * @param anchored the last certificate of {@code path} is a trust anchor
     * @param findings trust and signature findings (indices into {@code path})
     */
    record Result(List<X509Certificate> path, boolean anchored, List<Finding> findings) {
        /** The last certificate is self-issued and untrusted: the would-be anchor of an untrusted path. */
        boolean endsAtUntrustedRoot() {
            return !anchored && CertificateNames.isSelfIssued(path.get(path.size() - 1));
        }
    }

    static Result build(List<X509Certificate> served, TrustAnchors anchors, FingerprintList allowlist,
                        Signatures signatures) {
        X509Certificate leaf = served.get(0);
        List<X509Certificate> path = new ArrayList<>(4);
        List<Finding> findings = new ArrayList<>(2);
        Set<X509Certificate> used = Collections.newSetFromMap(new IdentityHashMap<>());
        path.add(leaf);
        used.add(leaf);
        while (true) {
            X509Certificate current = path.get(path.size() - 1);
            int index = path.size() - 1;
            if (anchors.isRoot(current) || (index > 0 && isAllowlistedServed(current, served, allowlist))) {
                return new Result(path, true, findings);
            }
            if (path.size() >= MAX_PATH_LENGTH) {
                findings.add(new Finding(ReasonCode.UNTRUSTED_ROOT, "no trusted root within " + MAX_PATH_LENGTH
                        + " certificates", index));
                return new Result(path, false, findings);
            }
            X500Principal issuerName = current.getIssuerX500Principal();
            List<X509Certificate> candidates = candidates(issuerName, served, anchors, used);
            X509Certificate issuer = null;
            for (X509Certificate candidate : candidates) {
                if (signatures.verifies(current, candidate.getPublicKey())) {
                    issuer = candidate;
                    break;
                }
            }
            if (issuer == null && !CertificateNames.isSelfIssued(current)) {
                // No candidate's key verifies: if one is plausibly the issuer (key identifiers agree or are
                // absent) the signature is bad; otherwise the real issuer is simply not here. A self-issued
                // certificate is its own issuer, so a same-named root that fails to verify it is not.
                for (X509Certificate candidate : candidates) {
                    if (keyIdentifiersAgree(current, candidate)) {
                        issuer = candidate;
                        findings.add(new Finding(ReasonCode.BAD_SIGNATURE, "signature of "
                                + CertificateNames.subject(current) + " does not verify with the key of its issuer "
                                + CertificateNames.subject(candidate), index));
                        break;
                    }
                }
            }
            if (issuer == null) {
                findings.add(deadEnd(current, index));
                return new Result(path, false, findings);
            }
            path.add(issuer);
            used.add(issuer);
        }
    }

    private static Finding deadEnd(X509Certificate current, int index) {
        if (CertificateNames.isSelfIssued(current)) {
            return index == 0
                    ? new Finding(ReasonCode.SELF_SIGNED, "self-signed certificate " + CertificateNames.subject(current)
                            + " is not a trusted root", index)
                    : new Finding(ReasonCode.UNTRUSTED_ROOT, "path ends at root " + CertificateNames.subject(current)
                            + ", which is not trusted", index);
        }
        return new Finding(ReasonCode.INCOMPLETE_CHAIN, "issuer " + displayName(current.getIssuerX500Principal())
                + " of " + CertificateNames.subject(current)
                + " was neither sent by the server, nor configured, nor trusted", index);
    }

    /** Trusted roots first (so the path ends as early as possible), then served, then configured intermediates. */
    private static List<X509Certificate> candidates(X500Principal issuerName, List<X509Certificate> served,
                                                    TrustAnchors anchors, Set<X509Certificate> used) {
        List<X509Certificate> candidates = new ArrayList<>(2);
        for (X509Certificate root : anchors.rootsIssuing(issuerName)) {
            if (!used.contains(root)) {
                candidates.add(root);
            }
        }
        for (int i = 1; i < served.size(); i++) {
            X509Certificate c = served.get(i);
            if (!used.contains(c) && !candidates.contains(c) && c.getSubjectX500Principal().equals(issuerName)) {
                candidates.add(c);
            }
        }
        for (X509Certificate configured : anchors.intermediatesIssuing(issuerName)) {
            if (!used.contains(configured) && !candidates.contains(configured)) {
                candidates.add(configured);
            }
        }
        return candidates;
    }

    private static boolean isAllowlistedServed(X509Certificate certificate, List<X509Certificate> served,
                                               FingerprintList allowlist) {
        if (allowlist.isEmpty()) {
            return false;
        }
        boolean isServed = false;
        for (int i = 1; i < served.size() && !isServed; i++) {
            isServed = served.get(i) == certificate;
        }
        try {
            return isServed && allowlist.matches(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            return false;
        }
    }

    /** False only when both identifiers are present and differ: then the candidate is not the issuer. */
    static boolean keyIdentifiersAgree(X509Certificate subject, X509Certificate candidateIssuer) {
        try {
            byte[] akiExt = subject.getExtensionValue(Extension.authorityKeyIdentifier.getId());
            byte[] skiExt = candidateIssuer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
            if (akiExt == null || skiExt == null) {
                return true;
            }
            byte[] aki = AuthorityKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(akiExt))
                    .getKeyIdentifierOctets();
            byte[] ski = SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(skiExt))
                    .getKeyIdentifier();
            return aki == null || Arrays.equals(aki, ski);
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    private static String displayName(X500Principal name) {
        String n = name.getName();
        return n.isEmpty() ? "(empty name)" : n;
    }
}
