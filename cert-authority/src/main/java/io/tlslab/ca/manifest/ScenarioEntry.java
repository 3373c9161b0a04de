package io.tlslab.ca.manifest;

import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ValidationProfile;
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
 *                           under the default profile ({@code article}); kept for readers of the first manifests
 * @param expectedByProfile  {@link ValidationProfile#label()} to the same map for that profile
 */
public record ScenarioEntry(
        String name,
        String slug,
        String description,
        String host,
        String dialHost,
        Map<String, String> files,
        CertificateEntry leaf,
        List<CertificateEntry> servedChain,
        List<CertificateEntry> trustAnchors,
        List<String> pinnedFingerprints,
        Map<String, String> expected,
        Map<String, Map<String, String>> expectedByProfile) {

    /** The expectation for {@code mode} under the default profile, parsed back into the shared type. */
    public Outcome expected(ClientMode mode) {
        return Outcome.parse(expected.get(mode.label()));
    }

    /** The expectation for {@code mode} under {@code profile}; a manifest without profiles knows only article. */
    public Outcome expected(ClientMode mode, ValidationProfile profile) {
        if (expectedByProfile == null || !expectedByProfile.containsKey(profile.label())) {
            if (profile == ValidationProfile.ARTICLE) {
                return expected(mode);
            }
            throw new IllegalArgumentException("the manifest states no expectations for profile " + profile.label());
        }
        return Outcome.parse(expectedByProfile.get(profile.label()).get(mode.label()));
    }
}
