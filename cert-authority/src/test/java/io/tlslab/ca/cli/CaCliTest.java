package io.tlslab.ca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.ca.manifest.ManifestJson;
import io.tlslab.ca.manifest.ScenarioEntry;
import io.tlslab.ca.manifest.SetManifest;
import io.tlslab.ca.output.SecureFiles;
import io.tlslab.ca.scenario.Scenario;
import io.tlslab.protocol.pem.Pem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the CLI in-process and checks output, files and exit codes. */
class CaCliTest {

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CaCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    static void assertUsageError(Run r, String... fragments) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip())
                .as("one line")
                .doesNotContain("\n")
                .startsWith("tlslab-ca: ")
                .contains(fragments);
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void helpShowsExamplesBeforeUsage() {
        for (String[] args : new String[][] {
            {"--help"}, {"mint", "--help"}, {"inspect", "--help"}, {"init", "--help"}, {"list", "--help"}
        }) {
            Run r = run(args);
            assertThat(r.code()).isZero();
            assertThat(r.out().indexOf("Examples:"))
                    .as(String.join(" ", args))
                    .isGreaterThanOrEqualTo(0)
                    .isLessThan(r.out().indexOf("Usage:"));
        }
        assertThat(run("--help").out()).contains("tlslab-ca mint --all --host localhost --out demo-data/certs --force");
        assertThat(run().out()).contains("Usage: tlslab-ca");
    }

    @Test
    void listShowsEveryScenarioWithItsOutcomes() {
        Run r = run("list");
        assertThat(r.code()).isZero();
        for (Scenario s : Scenario.values()) {
            assertThat(r.out())
                    .containsPattern("(?m)^" + s.slug() + " +"
                            + java.util.regex.Pattern.quote(s.expected(io.tlslab.protocol.validation.ClientMode.STRICT)
                                    .toString())
                            + " +ACCEPT +ACCEPT +ACCEPT +\\S");
        }
        assertThat(r.out()).contains(Scenario.values().length + " scenarios");
    }

    @Test
    void mintAllWritesEveryFileSummarisesThemAndEndsWithTheSummaryTable(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("demo-data/certs");
        Run r = run("mint", "--all", "--host", "localhost", "--out", out.toString(), "--force");
        assertThat(r.code()).as(r.err()).isZero();
        SetManifest m = ManifestJson.read(out.resolve("manifest.json"));
        assertThat(m.scenarios()).hasSize(Scenario.values().length);
        for (ScenarioEntry e : m.scenarios()) {
            for (String rel : e.files().values()) {
                Path p = out.resolve(rel);
                assertThat(p).isRegularFile();
                assertThat(r.out()).doesNotContain("wrote " + p);
            }
        }
        assertThat(r.out()).containsPattern("(?m)^wrote \\d+ files to .*certs \\(\\d+ owner-only");
        Run verbose = run(
                "mint",
                "--scenario",
                "valid-rsa-2048",
                "--verbose",
                "--out",
                tmp.resolve("v").toString());
        assertThat(verbose.out()).contains("wrote " + tmp.resolve("v/valid-rsa-2048/leaf.key") + "  (owner-only)");
        // second-wave names are accepted; the revocation scenario ships its CRL next to the certificates
        Run revoked = run(
                "mint", "--scenario", "revoked-leaf", "--out", tmp.resolve("r").toString());
        assertThat(revoked.code()).as(revoked.err()).isZero();
        assertThat(Pem.readCrls(tmp.resolve("r/revoked-leaf/crl.pem"))).hasSize(1);
        assertThat(revoked.out()).containsPattern("(?m)^revoked-leaf +localhost .* +REJECT:REVOKED +ACCEPT$");
        if (SecureFiles.posix()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("md5-leaf/leaf.key"))))
                    .isEqualTo("rw-------");
        }
        assertThat(r.out()).containsPattern("SCENARIO +DIAL HOST +KEY +SIGNATURE +VALID-TO +STRICT +NON-STRICT");
        assertThat(r.out())
                .containsPattern(
                        "(?m)^wildcard +node1\\.localhost +RSA-2048 +SHA256withRSA +\\d{4}-\\d\\d-\\d\\d +ACCEPT +ACCEPT$");
        assertThat(r.out())
                .containsPattern("(?m)^md5-leaf +localhost +RSA-2048 +MD5withRSA.* +REJECT:WEAK_ALGORITHM +ACCEPT$");
        assertThat(r.out()).containsPattern("(?m)^weak-rsa-1024 +localhost +RSA-1024 .* +REJECT:WEAK_KEY +ACCEPT$");
        assertThat(r.out())
                .containsPattern("minted " + Scenario.values().length + " scenarios for localhost in \\d+ ms");
        List<String> lines = r.out().strip().lines().toList();
        assertThat(lines.get(lines.size() - 1)).as("ends with the table").startsWith("allowlisted-expired ");
        assertThat(lines.get(lines.size() - Scenario.values().length)).startsWith("valid-rsa-2048 ");

        // a second run needs --force, and --force replaces the set
        Run again = run("mint", "--all", "--host", "localhost", "--out", out.toString());
        assertUsageError(again, "already holds a minted set", "--force");
        Run forced =
                run("mint", "--scenario", "expired-leaf", "--host", "other.test", "--out", out.toString(), "--force");
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(out.resolve("valid-rsa-2048")).doesNotExist();
        assertThat(ManifestJson.read(out.resolve("manifest.json")).scenarios())
                .extracting(ScenarioEntry::dialHost)
                .containsExactly("other.test");
    }

    @Test
    void badMintInputIsOneLineAndExitCodeTwo(@TempDir Path tmp) throws Exception {
        assertUsageError(
                run("mint", "--scenario", "nope"), "unknown scenario 'nope'", "valid-rsa-2048", "allowlisted-expired");
        assertUsageError(run("mint", "--all", "--scenario", "md5-leaf"), "mutually exclusive");
        assertUsageError(run("mint", "--host", "localhost"), "Missing required");
        assertUsageError(run("mint", "--all", "--host", "bad_host!", "--out", tmp.toString()), "invalid host");
        assertUsageError(run("mint", "--all", "--host", "10.0.0.1", "--out", tmp.toString()), "not an IP address");
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertUsageError(
                run(
                        "mint",
                        "--scenario",
                        "valid-ec-p256",
                        "--out",
                        file.resolve("sub").toString()),
                "a-file is not a directory");
        assertUsageError(run("mint", "--scenario", "valid-ec-p256", "--out", file.toString()), "not a directory");
        assertUsageError(
                run(
                        "mint",
                        "--all",
                        "--ca",
                        tmp.resolve("no-ca").toString(),
                        "--out",
                        tmp.resolve("o").toString()),
                "does not exist",
                "init");
        assertUsageError(run("frobnicate"), "frobnicate");
    }

    @Test
    void inspectShowsEachCertificateAndWhetherEachLinkVerifies(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("certs");
        assertThat(run(
                                "mint",
                                "--scenario",
                                "tampered-signature",
                                "--scenario",
                                "expired-leaf",
                                "--scenario",
                                "untrusted-root",
                                "--out",
                                out.toString())
                        .code())
                .isZero();

        Run good = run("inspect", out.resolve("untrusted-root/chain.pem").toString());
        assertThat(good.code()).as(good.err()).isZero();
        assertThat(good.out())
                .contains(
                        ": 3 certificates",
                        "[0] subject:    CN=localhost",
                        "SANs:       DNS:localhost",
                        "key:        RSA-2048",
                        "signature:  SHA256withECDSA",
                        "link [0] <- [1]: signature verifies",
                        "link [1] <- [2]: signature verifies",
                        "(self-signed, signature verifies)",
                        "CA:         yes");
        assertThat(good.out()).containsPattern("SHA-1: +([0-9A-F]{2}:){19}[0-9A-F]{2}");
        assertThat(good.out()).containsPattern("SHA-256: +([0-9A-F]{2}:){31}[0-9A-F]{2}");

        assertThat(run("inspect", out.resolve("tampered-signature/chain.pem").toString())
                        .out())
                .contains("link [0] <- [1]: signature DOES NOT verify");
        assertThat(run("inspect", out.resolve("expired-leaf/leaf.pem").toString())
                        .out())
                .contains("(EXPIRED)")
                .contains(": 1 certificate");
        Run store = run("inspect", out.resolve("expired-leaf/keystore.p12").toString());
        assertThat(store.code()).as(store.err()).isZero();
        assertThat(store.out()).contains(": 2 certificates", "link [0] <- [1]: signature verifies");

        assertUsageError(run("inspect", tmp.resolve("missing.pem").toString()), "no such file", "missing.pem");
        Path junk = Files.writeString(tmp.resolve("junk.pem"), "not a certificate");
        assertUsageError(run("inspect", junk.toString()), "cannot parse", "junk.pem");
        assertUsageError(
                run(
                        "inspect",
                        "--password",
                        "wrong",
                        out.resolve("expired-leaf/keystore.p12").toString()),
                "cannot open",
                "keystore.p12");
        assertUsageError(run("inspect", tmp.toString()), "not a readable file");
        assertUsageError(run("inspect"), "Missing required parameter");
    }

    @Test
    void initCreatesACaThatMintUses(@TempDir Path tmp) throws Exception {
        Path ca = tmp.resolve("my-ca");
        Run init = run("init", "--out", ca.toString(), "--name", "ACME test");
        assertThat(init.code()).as(init.err()).isZero();
        for (String f : List.of(
                "root.pem", "root.key", "intermediate.pem", "intermediate.key", "truststore.p12", "truststore.jks")) {
            assertThat(init.out()).contains("wrote " + ca.resolve(f));
        }
        if (SecureFiles.posix()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ca.resolve("root.key"))))
                    .isEqualTo("rw-------");
        }
        assertUsageError(run("init", "--out", ca.toString()), "already holds a CA", "--force");

        Path out = tmp.resolve("certs");
        Run mint = run(
                "mint",
                "--scenario",
                "valid-rsa-2048",
                "--scenario",
                "md5-intermediate",
                "--ca",
                ca.toString(),
                "--out",
                out.toString());
        assertThat(mint.code()).as(mint.err()).isZero();
        X509Certificate root = Pem.readCertificates(ca.resolve("root.pem")).get(0);
        X509Certificate intermediate =
                Pem.readCertificates(ca.resolve("intermediate.pem")).get(0);
        assertThat(root.getSubjectX500Principal().getName()).contains("ACME test Root CA");
        assertThat(Pem.readCertificates(out.resolve("valid-rsa-2048/trust.pem")))
                .containsExactly(root);
        assertThat(Pem.readCertificates(out.resolve("valid-rsa-2048/chain.pem")).get(1))
                .isEqualTo(intermediate);
        X509Certificate md5Intermediate =
                Pem.readCertificates(out.resolve("md5-intermediate/chain.pem")).get(1);
        md5Intermediate.verify(root.getPublicKey());

        Files.writeString(ca.resolve("intermediate.key"), Files.readString(ca.resolve("root.key")));
        assertUsageError(
                run(
                        "mint",
                        "--all",
                        "--ca",
                        ca.toString(),
                        "--out",
                        tmp.resolve("x").toString()),
                "intermediate.key is not the private key of");
    }
}
