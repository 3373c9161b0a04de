package io.tlslab.ca.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tlslab.ca.manifest.ManifestJson;
import io.tlslab.ca.manifest.ScenarioEntry;
import io.tlslab.ca.manifest.SetManifest;
import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.scenario.Scenario;
import io.tlslab.ca.scenario.ScenarioMinter;
import io.tlslab.ca.store.PemKeys;
import io.tlslab.ca.testing.Certs;
import io.tlslab.protocol.pem.Pem;
import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.protocol.validation.Outcome;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SetWriterTest {
    static final char[] PASSWORD = "changeit".toCharArray();
    static List<MintedScenario> all;

    @TempDir
    static Path allDir;

    static SetWriter.Result written;

    @BeforeAll
    static void writeWholeCatalogue() throws Exception {
        all = new ScenarioMinter().mintAll("localhost");
        written = SetWriter.write(all, allDir, false, Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    void everyScenarioGetsItsFilesAndTheManifestDescribesThem() throws Exception {
        long withCrls = all.stream().filter(m -> !m.crls().isEmpty()).count();
        assertThat(withCrls).isEqualTo(1);
        assertThat(written.files())
                .hasSize((int) (all.size() * 8 + withCrls + 1))
                .allSatisfy(p -> assertThat(p).isRegularFile());
        SetManifest m = ManifestJson.read(written.manifestFile());
        assertThat(m.tool()).isEqualTo("tlslab-ca");
        assertThat(m.host()).isEqualTo("localhost");
        assertThat(m.mintedAt()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(m.scenarios())
                .extracting(ScenarioEntry::name)
                .containsExactly(java.util.Arrays.stream(Scenario.values())
                        .map(Enum::name)
                        .toArray(String[]::new));
        for (MintedScenario minted : all) {
            ScenarioEntry e = m.scenario(minted.scenario().slug()).orElseThrow();
            assertThat(e.dialHost()).isEqualTo(minted.dialHost());
            assertThat(e.leaf().sha1()).isEqualTo(minted.leafSha1().toString());
            assertThat(e.leaf().sha256()).isEqualTo(minted.leafSha256().toString());
            assertThat(e.servedChain()).hasSameSizeAs(minted.servedChain());
            for (ClientMode mode : ClientMode.values()) {
                assertThat(e.expected(mode)).isEqualTo(minted.expected(mode));
            }
            for (String rel : e.files().values()) {
                assertThat(allDir.resolve(rel)).isRegularFile();
            }
            // the PEM files hold exactly the minted material, the chain in served order
            assertThat(Pem.readCertificates(allDir.resolve(e.files().get("chain"))))
                    .containsExactlyElementsOf(minted.servedChain());
            assertThat(Pem.readCertificates(allDir.resolve(e.files().get("trustAnchors"))))
                    .containsExactlyElementsOf(minted.trustAnchors());
            assertThat(PemKeys.readPrivateKey(allDir.resolve(e.files().get("privateKey")))
                            .getEncoded())
                    .isEqualTo(minted.leaf().privateKey().getEncoded());
        }
        ScenarioEntry pinned = m.scenario("ALLOWLISTED_EXPIRED").orElseThrow();
        assertThat(pinned.pinnedFingerprints()).containsExactly(pinned.leaf().sha1());
        assertThat(pinned.expected(ClientMode.STRICT)).isEqualTo(Outcome.parse("REJECT:EXPIRED"));
    }

    /** Scenarios serving two CA certificates with the same subject (or issuing each other). */
    private static final java.util.Set<io.tlslab.ca.scenario.Scenario> SAME_NAMED_ISSUERS = java.util.EnumSet.of(
            io.tlslab.ca.scenario.Scenario.CROSS_SIGNED_EXPIRED_PATH,
            io.tlslab.ca.scenario.Scenario.SAME_SUBJECT_DISTINCT_KEYS,
            io.tlslab.ca.scenario.Scenario.ISSUER_CYCLE);

    @Test
    void keyStoresOpenWithTheJdkAndTheirKeyMatchesTheCertificate() throws Exception {
        for (MintedScenario minted : all) {
            Path d = allDir.resolve(minted.scenario().slug());
            for (String[] store : new String[][] {{"keystore.p12", "PKCS12"}, {"keystore.jks", "JKS"}}) {
                KeyStore ks = load(d.resolve(store[0]), store[1]);
                assertThat(Collections.list(ks.aliases())).containsExactly("server");
                X509Certificate cert = (X509Certificate) ks.getCertificate("server");
                assertThat(cert).isEqualTo(minted.leaf().certificate());
                PrivateKey key = (PrivateKey) ks.getKey("server", PASSWORD);
                assertThat(Certs.keyMatches(new KeyPair(cert.getPublicKey(), key), cert))
                        .as(minted.scenario() + " " + store[0])
                        .isTrue();
                if (SAME_NAMED_ISSUERS.contains(minted.scenario())) {
                    // a key store rebuilds the chain by issuer name: of two certificates named alike it keeps one
                    assertThat(ks.getCertificateChain("server"))
                            .isSubsetOf(minted.servedChain())
                            .contains(cert);
                } else {
                    assertThat(ks.getCertificateChain("server"))
                            .containsExactlyInAnyOrderElementsOf(minted.servedChain());
                }
            }
            for (String[] store : new String[][] {{"truststore.p12", "PKCS12"}, {"truststore.jks", "JKS"}}) {
                KeyStore ts = load(d.resolve(store[0]), store[1]);
                assertThat(Collections.list(ts.aliases()))
                        .allSatisfy(a -> assertThat(ts.isCertificateEntry(a)).isTrue());
                assertThat(Collections.list(ts.aliases()).stream().map(a -> {
                            try {
                                return ts.getCertificate(a);
                            } catch (Exception ex) {
                                throw new IllegalStateException(ex);
                            }
                        }))
                        .containsExactlyInAnyOrderElementsOf(minted.trustAnchors());
            }
        }
    }

    @Test
    void setReaderLoadsTheSetBackAsMintedScenarios() throws Exception {
        List<MintedScenario> loaded = SetReader.read(allDir);
        assertThat(loaded).hasSameSizeAs(all);
        for (int i = 0; i < all.size(); i++) {
            MintedScenario a = all.get(i);
            MintedScenario b = loaded.get(i);
            assertThat(b.scenario()).isEqualTo(a.scenario());
            assertThat(b.dialHost()).isEqualTo(a.dialHost());
            assertThat(b.servedChain()).isEqualTo(a.servedChain());
            assertThat(b.trustAnchors()).isEqualTo(a.trustAnchors());
            assertThat(b.leafSha1()).isEqualTo(a.leafSha1());
            assertThat(b.leaf().privateKey().getEncoded())
                    .isEqualTo(a.leaf().privateKey().getEncoded());
        }
    }

    @Test
    void privateKeysAndKeyStoresAreOwnerOnly() throws Exception {
        assumeTrue(SecureFiles.posix(), "file system without POSIX permissions");
        Path d = allDir.resolve("valid-rsa-2048");
        for (String secret : List.of("leaf.key", "keystore.p12", "keystore.jks")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d.resolve(secret))))
                    .isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d.resolve("leaf.pem"))))
                .startsWith("rw-");
    }

    @Test
    void refusesToMixWithAnEarlierSetUnlessReplacing(@TempDir Path dir) throws Exception {
        ScenarioMinter minter = new ScenarioMinter();
        SetWriter.write(List.of(minter.mint(Scenario.EXPIRED_LEAF, "localhost")), dir, false, Instant.now());
        List<MintedScenario> second = List.of(minter.mint(Scenario.VALID_EC_P256, "localhost"));
        assertThatThrownBy(() -> SetWriter.write(second, dir, false, Instant.now()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already holds a minted set")
                .hasMessageContaining("--force");
        SetWriter.write(second, dir, true, Instant.now());
        assertThat(dir.resolve("expired-leaf")).doesNotExist();
        assertThat(dir.resolve("valid-ec-p256/leaf.pem")).isRegularFile();
        assertThat(ManifestJson.read(dir.resolve("manifest.json")).scenarios()).hasSize(1);
    }

    @Test
    void neverCleansADirectoryWithFilesItDidNotWrite(@TempDir Path dir) throws Exception {
        Path precious = Files.writeString(dir.resolve("thesis.txt"), "do not delete");
        List<MintedScenario> one = List.of(new ScenarioMinter().mint(Scenario.VALID_EC_P256, "localhost"));
        assertThatThrownBy(() -> SetWriter.write(one, dir, true, Instant.now()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("thesis.txt");
        assertThat(precious).hasContent("do not delete");
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertThatThrownBy(() -> SetWriter.write(one, file, true, Instant.now()))
                .hasMessageContaining("not a directory");
    }

    @Test
    void manifestJsonRoundTrips() throws Exception {
        SetManifest m = written.manifest();
        Path copy =
                Files.writeString(allDir.resolveSibling(allDir.getFileName() + "-copy.json"), ManifestJson.toJson(m));
        try {
            assertThat(ManifestJson.read(copy)).isEqualTo(m);
        } finally {
            Files.delete(copy);
        }
        Path notManifest =
                Files.writeString(allDir.resolveSibling(allDir.getFileName() + "-other.json"), "{\"tool\":\"x\"}");
        try {
            assertThatThrownBy(() -> ManifestJson.read(notManifest)).hasMessageContaining("not a tlslab-ca manifest");
        } finally {
            Files.delete(notManifest);
        }
    }

    static KeyStore load(Path file, String type) throws Exception {
        KeyStore ks = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }
}
