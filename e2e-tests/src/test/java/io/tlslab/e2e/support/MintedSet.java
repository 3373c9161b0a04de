package io.tlslab.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Certificates minted by the {@code tlslab-ca} jar, exactly as a user would: {@code init} a CA, then
 * {@code mint} scenarios below it for a host. Reads the manifest the CA wrote, so tests take file
 * names and fingerprints from it instead of recomputing them.
 */
public final class MintedSet {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MINT_TIMEOUT = Duration.ofMinutes(2);

    private final Path caDir;
    private final Path dir;
    private final JsonNode manifest;

    private MintedSet(Path caDir, Path dir, JsonNode manifest) {
        this.caDir = caDir;
        this.dir = dir;
        this.manifest = manifest;
    }

    /** Scenarios every e2e test may use, minted once per test JVM (minting RSA keys is the slow part). */
    public static final String[] SHARED_SCENARIOS = {"valid-rsa-2048", "untrusted-root", "wrong-host"};

    private static final Map<String, MintedSet> SHARED = new HashMap<>();

    /** The {@link #SHARED_SCENARIOS} for a host, below one CA, minted on first use in this JVM. */
    public static synchronized MintedSet shared(String host) {
        return SHARED.computeIfAbsent(host, h -> {
            try {
                Path root = Files.createDirectories(Reactor.root().resolve("e2e-tests/target/e2e-certs"));
                return mint(root, h, SHARED_SCENARIOS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** {@code tlslab-ca init --out <root>/ca}, unless that CA exists already. */
    public static Path initCa(Path root) {
        Path caDir = root.resolve("ca");
        if (!Files.exists(caDir.resolve("root.pem"))) {
            CliResult init = JavaProcess.of(TlslabJar.CA)
                    .name("ca-init")
                    .args("init", "--out", caDir.toString())
                    .run(MINT_TIMEOUT);
            check(init);
        }
        return caDir;
    }

    /** {@code tlslab-ca mint --ca <root>/ca --host HOST --out <root>/HOST --scenario ...}. */
    public static MintedSet mint(Path root, String host, String... scenarioSlugs) {
        Path caDir = initCa(root);
        Path out = root.resolve(host);
        List<String> args = new ArrayList<>(
                List.of("mint", "--ca", caDir.toString(), "--host", host, "--out", out.toString(), "--force"));
        for (String slug : scenarioSlugs) {
            args.add("--scenario");
            args.add(slug);
        }
        check(JavaProcess.of(TlslabJar.CA).name("ca-mint-" + host).args(args).run(MINT_TIMEOUT));
        try {
            return new MintedSet(
                    caDir, out, JSON.readTree(out.resolve("manifest.json").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest the CA wrote in " + out, e);
        }
    }

    private static void check(CliResult result) {
        if (result.exitCode() != 0) {
            throw new IllegalStateException("minting failed: " + result);
        }
    }

    /** The CA's root certificate (PEM): what endpoints are configured to trust. */
    public Path rootPem() {
        return caDir.resolve("root.pem");
    }

    public Path dir() {
        return dir;
    }

    public Scenario scenario(String slug) {
        for (JsonNode s : manifest.path("scenarios")) {
            if (slug.equals(s.path("slug").asText())) {
                return new Scenario(dir, s);
            }
        }
        throw new IllegalArgumentException("scenario " + slug + " was not minted in " + dir);
    }

    /** One minted scenario: its files and its leaf's fingerprints, as the manifest states them. */
    public record Scenario(Path dir, JsonNode node) {
        public Path file(String key) {
            return dir.resolve(node.path("files").path(key).asText());
        }

        public Path keystorePkcs12() {
            return file("keystorePkcs12");
        }

        public Path privateKey() {
            return file("privateKey");
        }

        public Path chain() {
            return file("chain");
        }

        public Path trustAnchors() {
            return file("trustAnchors");
        }

        public String leafSha1() {
            return node.path("leaf").path("sha1").asText();
        }

        public String leafSha256() {
            return node.path("leaf").path("sha256").asText();
        }

        public String dialHost() {
            return node.path("dialHost").asText();
        }

        /** The expected outcome for a client mode as the manifest writes it, e.g. {@code REJECT:EXPIRED}. */
        public String expected(String clientMode) {
            return node.path("expected").path(clientMode).asText();
        }
    }
}
