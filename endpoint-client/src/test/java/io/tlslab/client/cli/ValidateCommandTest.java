package io.tlslab.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.scenario.Scenario;
import io.tlslab.ca.scenario.ScenarioMinter;
import io.tlslab.protocol.pem.Pem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tlslab-client validate} run in-process: exit codes, output and the JSON contract. */
class ValidateCommandTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String AT = NOW.toString();
    private static final ScenarioMinter MINTER = new ScenarioMinter(Clock.fixed(NOW, ZoneOffset.UTC), true);

    @TempDir
    static Path dir;

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ClientCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static MintedScenario valid;
    private static MintedScenario sha1Leaf;
    private static MintedScenario expired;

    @BeforeAll
    static void writeScenarios() throws java.io.IOException {
        valid = write(Scenario.VALID_EC_P256);
        sha1Leaf = write(Scenario.SHA1_LEAF);
        expired = write(Scenario.ALLOWLISTED_EXPIRED);
    }

    private static MintedScenario write(Scenario scenario) throws java.io.IOException {
        MintedScenario m = MINTER.mint(scenario, "localhost");
        Pem.write(dir.resolve(scenario.slug() + "-chain.pem"), m.servedChain());
        Pem.write(dir.resolve(scenario.slug() + "-trust.pem"), m.trustAnchors());
        return m;
    }

    /** validate for the scenario's files and dial host, at {@link #NOW} unless {@code more} has an --at. */
    private static String[] validate(MintedScenario m, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "validate",
                "--chain",
                dir.resolve(m.scenario().slug() + "-chain.pem").toString(),
                "--trust",
                dir.resolve(m.scenario().slug() + "-trust.pem").toString(),
                "--host",
                m.dialHost()));
        if (!List.of(more).contains("--at")) {
            args.addAll(List.of("--at", AT));
        }
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void profileWebpkiRefusesTheCnOnlyLeafTheArticleAccepts() throws Exception {
        MintedScenario cnOnly = write(Scenario.CN_ONLY);
        assertThat(run(validate(cnOnly)).exitCode()).isZero();
        assertThat(run(validate(cnOnly, "--profile", "article")).exitCode()).isZero();
        Run webpki = run(validate(cnOnly, "--profile", "webpki"));
        assertThat(webpki.exitCode()).isEqualTo(1);
        assertThat(webpki.out()).startsWith("REJECT").contains("HOSTNAME_MISMATCH");
    }

    @Test
    void crlFileOrDirectoryRevokesTheLeaf() throws Exception {
        MintedScenario revoked = write(Scenario.REVOKED_LEAF);
        java.nio.file.Path crlDir = java.nio.file.Files.createDirectories(dir.resolve("crls"));
        java.nio.file.Files.writeString(
                crlDir.resolve("intermediate.pem"), io.tlslab.protocol.pem.Pem.crls(revoked.crls()));
        assertThat(run(validate(revoked)).exitCode())
                .as("no CRL configured: no revocation check")
                .isZero();
        for (String crl :
                List.of(crlDir.toString(), crlDir.resolve("intermediate.pem").toString())) {
            Run r = run(validate(revoked, "--crl", crl));
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.out()).startsWith("REJECT").contains("REVOKED");
        }
    }

    @Test
    void maxIntermediatesBoundsThePath() {
        assertThat(run(validate(valid, "--max-intermediates", "1")).exitCode()).isZero();
        Run r = run(validate(valid, "--max-intermediates", "0"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("PATH_TOO_LONG");
    }

    @Test
    void badProfileCrlOrDepthIsAOneLineUsageError() {
        Run profile = run(validate(valid, "--profile", "browser"));
        assertThat(profile.exitCode()).isEqualTo(2);
        assertThat(profile.err()).contains("unknown validation profile 'browser'");
        Run crl = run(validate(valid, "--crl", dir.resolve("no-such.crl").toString()));
        assertThat(crl.exitCode()).isEqualTo(2);
        assertThat(crl.err().strip())
                .startsWith("tlslab-client validate: ")
                .endsWith("no such file")
                .doesNotContain("\n");
        Run notCrl = run(validate(
                valid,
                "--crl",
                dir.resolve(Scenario.VALID_EC_P256.slug() + "-chain.pem").toString()));
        assertThat(notCrl.exitCode()).isEqualTo(2);
        assertThat(notCrl.err().strip()).doesNotContain("\n").doesNotContain("Exception");
        Run depth = run(validate(valid, "--max-intermediates", "-1"));
        assertThat(depth.exitCode()).isEqualTo(2);
        assertThat(depth.err().strip()).isEqualTo("tlslab-client validate: --max-intermediates must be 0-64, got -1");
    }

    @Test
    void acceptedChainExitsZeroWithTextReport() {
        Run r = run(validate(valid));
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("ACCEPT").contains("[0] CN=localhost").contains("SHA-256: ");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aDerChainIsReadAsTlslabCaInspectReadsIt() throws Exception {
        java.io.ByteArrayOutputStream der = new java.io.ByteArrayOutputStream();
        for (java.security.cert.X509Certificate c : valid.servedChain()) {
            der.write(c.getEncoded()); // concatenated DER, as openssl x509 -outform der >> chain.der
        }
        java.nio.file.Path file = dir.resolve("chain.der");
        java.nio.file.Files.write(file, der.toByteArray());
        Run r = run(
                "validate",
                "--chain",
                file.toString(),
                "--trust",
                dir.resolve(valid.scenario().slug() + "-trust.pem").toString(),
                "--host",
                valid.dialHost(),
                "--at",
                AT);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("ACCEPT");
    }

    @Test
    void rejectedChainExitsOneNamingTheReason() {
        Run r = run(validate(expired));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).startsWith("REJECT:EXPIRED").contains("EXPIRED [0]: ");
    }

    @Test
    void sha1PolicyAndAllowlistFlags() {
        assertThat(run(validate(sha1Leaf)).exitCode()).isEqualTo(1);
        assertThat(run(validate(sha1Leaf, "--sha1", "allow")).exitCode()).isZero();
        Run pinned = run(validate(
                expired,
                "--allow",
                "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33," + expired.leafSha1()));
        assertThat(pinned.exitCode()).isZero();
        assertThat(pinned.out())
                .contains("accepted by the allowlist, overriding:")
                .contains("EXPIRED");
        assertThat(run(validate(
                                expired,
                                "--allow",
                                expired.leafSha256().toString().replace(":", "")))
                        .exitCode())
                .as("SHA-256, without colons")
                .isZero();
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        Run r = run(validate(expired, "--format", "json"));
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(r.out());
        List<String> fields = new ArrayList<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            fields.add(it.next());
        }
        assertThat(fields)
                .containsExactly(
                        "version",
                        "outcome",
                        "accepted",
                        "reason",
                        "allowlistOverride",
                        "host",
                        "at",
                        "policy",
                        "findings",
                        "anchored",
                        "path");
        assertThat(json.get("version").asInt()).isEqualTo(1);
        assertThat(json.get("outcome").asText()).isEqualTo("REJECT:EXPIRED");
        assertThat(json.get("accepted").asBoolean()).isFalse();
        assertThat(json.get("reason").asText()).isEqualTo("EXPIRED");
        assertThat(json.get("host").asText()).isEqualTo("localhost");
        assertThat(json.get("at").asText()).isEqualTo(AT);
        assertThat(json.get("policy").get("sha1").asText()).isEqualTo("reject");
        assertThat(json.get("findings").get(0).get("reason").asText()).isEqualTo("EXPIRED");
        assertThat(json.get("findings").get(0).get("certificate").asInt()).isZero();
        assertThat(json.get("anchored").asBoolean()).isTrue();
        JsonNode leaf = json.get("path").get(0);
        assertThat(leaf.get("sha1").asText()).isEqualTo(expired.leafSha1().toString());
        assertThat(leaf.get("sha256").asText()).isEqualTo(expired.leafSha256().toString());
        assertThat(leaf.get("subjectAltNames").get(0).asText()).isEqualTo("DNS:localhost");
        assertThat(json.get("path")
                        .get(json.get("path").size() - 1)
                        .get("source")
                        .asText())
                .isEqualTo("trust anchor");

        JsonNode accepted = new ObjectMapper()
                .readTree(run(validate(valid, "--format", "json")).out());
        assertThat(accepted.get("reason").isNull()).isTrue();
        assertThat(accepted.get("findings").size()).isZero();
    }

    @Test
    void malformedPemIsOneLineAndExitTwo() throws Exception {
        Path broken = dir.resolve("broken.pem");
        Files.writeString(broken, "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");
        Run r = run("validate", "--chain", broken.toString(), "--host", "localhost");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip())
                .doesNotContain("\n")
                .startsWith("tlslab-client validate: " + broken)
                .contains("not valid base64");
        Run missing = run("validate", "--chain", dir.resolve("absent.pem").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file").doesNotContain("Exception");
    }

    @Test
    void badOptionsAreUsageErrors() {
        String chain = dir.resolve("valid-ec-p256-chain.pem").toString();
        assertThat(run("validate").exitCode()).as("missing --chain").isEqualTo(2);
        Run badFp = run("validate", "--chain", chain, "--allow", "ABCD");
        assertThat(badFp.exitCode()).isEqualTo(2);
        assertThat(badFp.err()).contains("not a fingerprint").contains("--help");
        Run oneBadInList = run(validate(expired, "--allow", expired.leafSha1() + ",XYZ"));
        assertThat(oneBadInList.exitCode())
                .as("one malformed entry rejects the whole list")
                .isEqualTo(2);
        assertThat(oneBadInList.out()).isEmpty();
        assertThat(run("validate", "--chain", chain, "--at", "yesterday").err()).contains("not an ISO-8601 time");
        assertThat(run("validate", "--chain", chain, "--sha1", "maybe").exitCode())
                .isEqualTo(2);
        assertThat(run("validate", "--chain", chain, "--format", "xml").exitCode())
                .isEqualTo(2);
        assertThat(run("frobnicate").exitCode()).isEqualTo(2);
        assertThat(run().exitCode()).as("no subcommand").isEqualTo(2);
    }

    @Test
    void helpShowsExamplesFirst() {
        Run r = run("validate", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Validates a certificate chain");
        assertThat(r.out().indexOf("Examples:")).isLessThan(r.out().indexOf("Usage:"));
        assertThat(run("--help").out()).contains("tlslab-client validate --chain");
    }

    @Test
    void dateOnlyAtMeansMidnightUtc() {
        assertThat(run(validate(valid)).exitCode()).isZero();
        assertThat(run(validate(valid, "--at", "2031-01-01")).out())
                .startsWith("REJECT:EXPIRED")
                .contains("at: 2031-01-01T00:00:00Z");
    }

    /** One JDK TLS server presenting {@code m}'s served chain for a single handshake. */
    private static java.net.ServerSocket presenting(MintedScenario m) throws Exception {
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(
                new javax.net.ssl.KeyManager[] {
                    new io.tlslab.tls.identity.PinnedKeyManager(
                            new io.tlslab.tls.identity.ServedIdentity(m.leaf().privateKey(), m.servedChain()))
                },
                null,
                null);
        java.net.ServerSocket server =
                context.getServerSocketFactory().createServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        Thread t = new Thread(
                () -> {
                    try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) server.accept()) {
                        s.setSoTimeout(10_000);
                        s.startHandshake();
                        s.getInputStream().read(); // until the client hangs up
                    } catch (java.io.IOException e) {
                        // the client closed after the handshake
                    }
                },
                "validate-connect-test-server");
        t.setDaemon(true);
        t.start();
        return server;
    }

    @Test
    void connectValidatesTheChainALiveServerPresents() throws Exception {
        try (java.net.ServerSocket server = presenting(valid)) {
            Run r = run(
                    "validate",
                    "--connect",
                    "127.0.0.1:" + server.getLocalPort(),
                    "--host",
                    valid.dialHost(),
                    "--trust",
                    dir.resolve(valid.scenario().slug() + "-trust.pem").toString(),
                    "--at",
                    AT);
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).startsWith("ACCEPT");
        }
        try (java.net.ServerSocket server = presenting(sha1Leaf)) {
            Run r = run(
                    "validate",
                    "--connect",
                    "127.0.0.1:" + server.getLocalPort(),
                    "--host",
                    sha1Leaf.dialHost(),
                    "--trust",
                    dir.resolve(sha1Leaf.scenario().slug() + "-trust.pem").toString(),
                    "--at",
                    AT);
            assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
            assertThat(r.out()).startsWith("REJECT:WEAK_ALGORITHM");
        }
    }

    @Test
    void connectAndChainAreExclusiveAndAFailedConnectIsOneLine() throws Exception {
        Run both = run("validate", "--chain", "x.pem", "--connect", "127.0.0.1:1");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err().strip())
                .isEqualTo("tlslab-client validate: give exactly one of --chain FILE or --connect HOST:PORT");
        int closed;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        Run refused = run("validate", "--connect", "127.0.0.1:" + closed, "--host", "localhost");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err().strip())
                .startsWith("tlslab-client validate: cannot fetch the chain from 127.0.0.1:")
                .doesNotContain("\tat ")
                .doesNotContain("\n");
        assertThat(run("validate", "--connect", "localhost").exitCode()).isEqualTo(2);
    }
}
