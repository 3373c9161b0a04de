package io.tlslab.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.scenario.Scenario;
import io.tlslab.ca.scenario.ScenarioMinter;
import io.tlslab.client.endpoint.EndpointTransport;
import io.tlslab.client.endpoint.ScenarioTlsServer;
import io.tlslab.client.settings.FileSettingsStore;
import io.tlslab.protocol.pem.Pem;
import io.tlslab.protocol.settings.PropertyKey;
import io.tlslab.protocol.wire.Message;
import io.tlslab.tls.TlsEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code tlslab-client connect --once} in-process against the scenario test server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectCommandTest {

    private EndpointTransport transport;
    private ScenarioTlsServer goodServer;
    private ScenarioTlsServer expiredServer;
    private Path trust;

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    @BeforeAll
    void start(@TempDir Path shared) throws Exception {
        transport = EndpointTransport.create(1);
        ScenarioMinter minter = new ScenarioMinter();
        MintedScenario good = minter.mint(Scenario.VALID_RSA_2048, "localhost");
        MintedScenario expired = minter.mint(Scenario.EXPIRED_LEAF, "localhost");
        Map<String, String> strictOn = Map.of(PropertyKey.STRICT_VALIDATION.key(), "true");
        goodServer = ScenarioTlsServer.start(
                transport, good, TlsEngine.preferred(), ScenarioTlsServer.pushSettings(strictOn));
        expiredServer = ScenarioTlsServer.start(
                transport, expired, TlsEngine.preferred(), ScenarioTlsServer.pushSettings(strictOn));
        List<java.security.cert.X509Certificate> roots = new ArrayList<>(good.trustAnchors());
        roots.addAll(expired.trustAnchors());
        trust = shared.resolve("roots.pem");
        Pem.write(trust, roots);
    }

    @AfterAll
    void stop() {
        goodServer.close();
        expiredServer.close();
        transport.close();
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ClientCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private String[] connect(ScenarioTlsServer server, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "connect",
                "--once",
                "--server",
                "127.0.0.1:" + server.port(),
                "--dial-host",
                "localhost",
                "--trust",
                trust.toString(),
                "--data-dir",
                dir.resolve("data").toString()));
        args.addAll(List.of(extra));
        return args.toArray(new String[0]);
    }

    @Test
    void acceptedHandshakePrintsCertificateAndSettingsAndPersistsThem() throws Exception {
        Run run = run(connect(goodServer, "--engine", "jdk"));
        assertThat(run.code()).as(run.err()).isEqualTo(0);
        assertThat(run.out())
                .contains(
                        "handshake:   ACCEPT",
                        "JDK TLSv1.3",
                        "mode non-strict",
                        "certificate: subject=\"",
                        "sha256=",
                        "settings:    strictValidation=true");
        assertThat(Files.readString(dir.resolve("data").resolve(FileSettingsStore.FILE_NAME)))
                .contains(PropertyKey.STRICT_VALIDATION.key() + "=true");
    }

    @Test
    void rejectionExitsOneWithTheReasonAndSendsNothing() {
        long before = expiredServer.applicationBytes();
        Run run = run(connect(expiredServer, "--strict", "--guid", "refused-endpoint"));
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("mode strict", "handshake:   REJECT:EXPIRED", "failed:      EXPIRED");
        assertThat(expiredServer.applicationBytes()).isEqualTo(before);
        assertThat(expiredServer.received(Message.Hello.class))
                .noneMatch(h -> h.guid().equals("refused-endpoint"));
    }

    @Test
    void legacyVersionIgnoresThePersistedStrictSetting() {
        Run run = run(connect(expiredServer, "--strict", "--endpoint-version", "5.4"));
        assertThat(run.code()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("mode 5.x", "handshake:   ACCEPT", "audit:       EXPIRED");
    }

    @Test
    void connectionErrorExitsTwo() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Run run = run("connect", "--once", "--server", "127.0.0.1:" + closedPort, "--data-dir", dir.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).contains("handshake:   FAILED", "error:       cannot connect: connection refused");
    }

    @Test
    void anIpv6ServerInBracketsDialsThatHostAndPort() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Run run = run("connect", "--once", "--server", "[::1]:" + closedPort, "--data-dir", dir.toString());
        assertThat(run.code()).isEqualTo(2);
        // before: host "::1:<port>" on port 4287
        assertThat(run.out())
                .contains("peer ::1:" + closedPort + ",", "dialled ::1")
                .doesNotContain(":4287");
    }

    @Test
    void badOptionValuesAreOneLineUsageErrors() {
        Run retry = run("connect", "--once", "--retry", "linear", "--data-dir", dir.toString());
        assertThat(retry.code()).isEqualTo(2);
        assertThat(retry.err().lines().findFirst().orElseThrow())
                .isEqualTo("tlslab-client connect: retry: retry policy 'linear' not understood: expected"
                        + " exponential[:FIRST[:CAP]] or fixed[:DELAY], e.g. exponential:1s:300s or fixed:30s");

        Run trustMissing =
                run("connect", "--once", "--trust", dir.resolve("nope.pem").toString(), "--data-dir", dir.toString());
        assertThat(trustMissing.code()).isEqualTo(2);
        assertThat(trustMissing.err())
                .startsWith("tlslab-client connect: trust: ")
                .doesNotContain("\tat ");

        Run port = run("connect", "--once", "--server", "127.0.0.1:http", "--data-dir", dir.toString());
        assertThat(port.code()).isEqualTo(2);
        assertThat(port.err())
                .isEqualToIgnoringNewLines(
                        "tlslab-client: Invalid value for option '--server': '127.0.0.1:http': 'http'"
                                + " is not a port number (see 'tlslab-client connect --help')");
    }

    @Test
    void configFileAndEnvironmentKeysAreChecked() throws Exception {
        Path file = dir.resolve("endpoint.properties");
        Files.writeString(file, "server.hostt=10.0.0.1\n");
        Run run = run("connect", "--once", "--config", file.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("unknown key 'server.hostt'");
    }
}
