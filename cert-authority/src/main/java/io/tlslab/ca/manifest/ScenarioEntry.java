package io.tlslab.ca.manifest;

import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.protocol.validation.Outcome;

import java.util.List;
import java.util.Map;

/**
 * One scenario of a minted set.
 *
 * @param name               the {@code Scenario} constant, e.g. {@code EXPIRED_LEAF}
 * @param slug               its directory / CLI name, e.g. {@code expired-leaf}
 * @param description        one line
 * @param host               the host the set was minted for
 * @param dialHost           the name the endpoint dials and validates against
 * @param files              role to path relative to the manifest's directory (see {@code ScenarioFiles})
 * @param leaf               the server certificate
 * @param servedChain        what the server sends, leaf first
 * @param trustAnchors       what the endpoint trusts
 * @param pinnedFingerprints the allowlist this scenario ships with (SHA-1 of the leaf, or empty)
 * @param expected           {@link ClientMode#label()} to {@link Outcome} text ({@code ACCEPT} / {@code REJECT:<REASON>})
 */
public record ScenarioEntry(String name, String slug, String description, String host, String dialHost,
                            Map<String, String> files, CertificateEntry leaf, List<CertificateEntry> servedChain,
                            List<CertificateEntry> trustAnchors, List<String> pinnedFingerprints,
                            Map<String, String> expected) {

    /** The expectation for {@code mode}, parsed back into the shared type. */
    public Outcome expected(ClientMode mode) {
        return Outcome.parse(expected.get(mode.label()));
    }
}
