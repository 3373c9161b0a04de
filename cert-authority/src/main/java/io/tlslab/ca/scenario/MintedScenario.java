package io.tlslab.ca.scenario;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.protocol.settings.Fingerprint;
import io.tlslab.protocol.settings.FingerprintList;
import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.protocol.validation.Outcome;

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
 */
public record MintedScenario(Scenario scenario, String host, String dialHost, HeldCertificate leaf,
                             List<X509Certificate> servedChain, List<X509Certificate> trustAnchors) {

    public MintedScenario {
        Objects.requireNonNull(scenario, "scenario");
        servedChain = List.copyOf(servedChain);
        trustAnchors = List.copyOf(trustAnchors);
        if (servedChain.isEmpty() || !servedChain.get(0).equals(leaf.certificate())) {
            throw new IllegalArgumentException("served chain must start with the leaf");
        }
    }

    /** What an endpoint in {@code mode} must conclude. */
    public Outcome expected(ClientMode mode) {
        return scenario.expected(mode);
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
