package io.tlslab.ca.manifest;

import java.util.List;
import java.util.Optional;

/**
 * The manifest of one minted set ({@code manifest.json} at the set's root).
 *
 * @param tool          always {@code tlslab-ca}: how {@code mint --force} recognises a directory it may clean
 * @param formatVersion bumped on incompatible changes
 * @param host          the host the set was minted for
 * @param mintedAt      ISO-8601 UTC
 * @param storePassword password of every PKCS#12 / JKS file in the set
 * @param scenarios     in catalogue order
 */
public record SetManifest(
        String tool,
        int formatVersion,
        String host,
        String mintedAt,
        String storePassword,
        List<ScenarioEntry> scenarios) {
    public static final String TOOL = "tlslab-ca";
    public static final int FORMAT_VERSION = 1;
    public static final String FILE_NAME = "manifest.json";

    public Optional<ScenarioEntry> scenario(String name) {
        return scenarios.stream()
                .filter(s -> s.name().equals(name) || s.slug().equals(name))
                .findFirst();
    }
}
