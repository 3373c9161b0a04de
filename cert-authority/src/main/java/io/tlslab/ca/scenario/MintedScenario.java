package io.tlslab.ca.scenario;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.protocol.settings.Fingerprint;
import io.tlslab.protocol.settings.FingerprintList;
import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ValidationProfile;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * One scenario minted for one host: what the server presents and what the endpoint trusts.
 *
 * @param scenario     which scenario
 * @param host         the host the set was minted for
 * @param dialHost     the name the endpoint dials and validates against (TLS peer host / SNI)
 * @param leaf         the certificate and private key the server presents
 * @param servedChain  exactly what the server sends, leaf first
 * @param trustAnchors the roots the endpoint is configured with
 * @param crls         the CRLs the endpoint is configured with (revocation is off without them); usually empty
 */
public record MintedScenario(
        Scenario scenario,
        String host,
        String dialHost,
        HeldCertificate leaf,
        List<X509Certificate> servedChain,
        List<X509Certificate> trustAnchors,
        List<X509CRL> crls) {

    public MintedScenario {
        Objects.requireNonNull(scenario, "scenario");
        servedChain = List.copyOf(servedChain);
        trustAnchors = List.copyOf(trustAnchors);
        crls = List.copyOf(crls);
        if (servedChain.isEmpty() || !servedChain.get(0).equals(leaf.certificate())) {
            throw new IllegalArgumentException("served chain must start with the leaf");
        }
    }

    /** A scenario without CRLs. */
    public MintedScenario(
            Scenario scenario,
            String host,
            String dialHost,
            HeldCertificate leaf,
            List<X509Certificate> servedChain,
            List<X509Certificate> trustAnchors) {
        this(scenario, host, dialHost, leaf, servedChain, trustAnchors, List.of());
    }

    /** What an endpoint in {@code mode} must conclude under the default (article) profile. */
    public Outcome expected(ClientMode mode) {
        return scenario.expected(mode);
    }

    /** What an endpoint in {@code mode} validating with {@code profile} must conclude. */
    public Outcome expected(ClientMode mode, ValidationProfile profile) {
        return scenario.expected(mode, profile);
    }

    public Fingerprint leafSha1() {
        return leaf.sha1();
    }

    public Fingerprint leafSha256() {
        return leaf.sha256();
    }

    /** The allowlist an {@link ClientMode#ALLOWLISTED} endpoint is configured with: the leaf's SHA-1. */
    public FingerprintList allowlist() {
        return FingerprintList.of(leafSha1());
    }

    /** The fingerprints this scenario ships pinned (its manifest's allowlist): the leaf's SHA-1 or none. */
    public FingerprintList pinnedFingerprints() {
        return scenario.pinsLeaf() ? allowlist() : FingerprintList.empty();
    }
}
