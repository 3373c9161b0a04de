package io.tlslab.ca.output;

import io.tlslab.ca.manifest.CertificateEntry;
import io.tlslab.ca.manifest.ManifestJson;
import io.tlslab.ca.manifest.ScenarioEntry;
import io.tlslab.ca.manifest.SetManifest;
import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.scenario.Scenario;
import io.tlslab.ca.store.KeyStores;
import io.tlslab.protocol.settings.Fingerprint;
import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.protocol.validation.ValidationProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a minted set: one directory per scenario ({@link ScenarioFiles}) and {@code manifest.json}.
 * Refuses to mix with an earlier set unless asked to replace it, and then deletes only what a
 * tlslab-ca run creates, so a mistyped {@code --out} can never wipe unrelated files.
 */
public final class SetWriter {

    /** What was written: the manifest (also in memory) and every file, in writing order. */
    public record Result(Path directory, Path manifestFile, SetManifest manifest, List<Path> files) {}

    private SetWriter() {}

    /**
     * @param replace delete a previous set in {@code dir} first (the CLI's {@code --force})
     * @throws IllegalArgumentException when {@code dir} holds a previous set and {@code replace} is
     *                                  false, or holds files tlslab-ca did not make, or is not a directory
     * @throws IOException              when the directory or a file cannot be written
     */
    public static Result write(List<MintedScenario> minted, Path dir, boolean replace, Instant mintedAt)
            throws IOException {
        prepare(dir, replace);
        char[] password = KeyStores.DEFAULT_PASSWORD.toCharArray();
        // Scenarios are independent and PKCS#12 encryption is CPU-bound: write them in parallel,
        // then collect in catalogue order.
        TrustStoreCache trustStores = new TrustStoreCache();
        List<Map<String, Path>> perScenario;
        try {
            perScenario = minted.parallelStream()
                    .map(m -> {
                        try {
                            return ScenarioFiles.write(
                                    m, dir.resolve(m.scenario().slug()), password, trustStores);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<Path> files = new ArrayList<>();
        List<ScenarioEntry> entries = new ArrayList<>();
        for (int i = 0; i < minted.size(); i++) {
            Map<String, Path> written = perScenario.get(i);
            files.addAll(written.values());
            Map<String, String> relative = new LinkedHashMap<>();
            written.forEach((role, path) ->
                    relative.put(role, dir.relativize(path).toString().replace('\\', '/')));
            entries.add(entry(minted.get(i), relative));
        }
        String host = minted.isEmpty() ? "" : minted.get(0).host();
        SetManifest manifest = new SetManifest(
                SetManifest.TOOL,
                SetManifest.FORMAT_VERSION,
                host,
                mintedAt.toString(),
                KeyStores.DEFAULT_PASSWORD,
                List.copyOf(entries));
        Path manifestFile = SecureFiles.writePublic(
                dir.resolve(SetManifest.FILE_NAME),
                ManifestJson.toJson(manifest).getBytes(StandardCharsets.UTF_8));
        files.add(manifestFile);
        return new Result(dir, manifestFile, manifest, List.copyOf(files));
    }

    static ScenarioEntry entry(MintedScenario m, Map<String, String> files) {
        Map<String, Map<String, String>> byProfile = new LinkedHashMap<>();
        for (ValidationProfile profile : ValidationProfile.values()) {
            Map<String, String> expected = new LinkedHashMap<>();
            for (ClientMode mode : ClientMode.values()) {
                expected.put(mode.label(), m.expected(mode, profile).toString());
            }
            byProfile.put(profile.label(), expected);
        }
        return new ScenarioEntry(
                m.scenario().name(),
                m.scenario().slug(),
                m.scenario().description(),
                m.host(),
                m.dialHost(),
                files,
                CertificateEntry.of(m.leaf().certificate()),
                m.servedChain().stream().map(CertificateEntry::of).toList(),
                m.trustAnchors().stream().map(CertificateEntry::of).toList(),
                m.pinnedFingerprints().asList().stream()
                        .map(Fingerprint::toString)
                        .toList(),
                byProfile.get(ValidationProfile.ARTICLE.label()),
                byProfile);
    }

    private static void prepare(Path dir, boolean replace) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " exists and is not a directory");
        }
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw new IllegalArgumentException("cannot write to " + dir + ": " + existing + " is not a directory");
        }
        if (existing == null || !Files.isWritable(existing)) {
            throw new IllegalArgumentException("cannot write to " + dir + ": " + existing + " is not writable");
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            return;
        }
        Set<String> ours = new HashSet<>();
        ours.add(SetManifest.FILE_NAME);
        for (Scenario s : Scenario.values()) {
            ours.add(s.slug());
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.toList();
        }
        if (entries.isEmpty()) {
            return;
        }
        List<String> foreign = entries.stream()
                .map(p -> p.getFileName().toString())
                .filter(n -> !ours.contains(n))
                .toList();
        if (!foreign.isEmpty()) {
            throw new IllegalArgumentException(dir + " holds files tlslab-ca did not write ("
                    + String.join(", ", foreign.subList(0, Math.min(3, foreign.size())))
                    + "); choose an empty or new directory");
        }
        if (!replace) {
            throw new IllegalArgumentException(dir + " already holds a minted set; add --force to replace it");
        }
        for (Path p : entries) {
            deleteRecursively(p);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
