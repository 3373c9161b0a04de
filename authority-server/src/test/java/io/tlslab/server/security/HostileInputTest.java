package io.tlslab.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.KeyPurpose;
import io.tlslab.ca.store.KeyStores;
import io.tlslab.protocol.wire.Message;
import io.tlslab.server.AuthorityServer;
import io.tlslab.server.cert.CertificateImportException;
import io.tlslab.server.cert.ListenerPurpose;
import io.tlslab.server.cli.CliErrors;
import io.tlslab.server.cli.ConsoleClient;
import io.tlslab.server.command.Actor;
import io.tlslab.server.store.DeviceRecord;
import io.tlslab.server.support.Servers;
import io.tlslab.server.support.TestEndpoint;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 findings 1, 2, 4, 5 and 6 (the HTTP part), replayed against a running server on loopback:
 * each hostile input is refused in one line, and the server keeps serving legitimate endpoints.
 */
class HostileInputTest {
    @TempDir
    Path dir;

    AuthorityServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ConsoleClient signedIn() throws Exception {
        ConsoleClient c = new ConsoleClient(
                URI.create("https://127.0.0.1:" + server.consolePort()),
                server.consoleFingerprintSha256().toString(),
                false);
        assertThat(c.login("admin", Servers.ADMIN_PASSWORD).status()).isEqualTo(200);
        return c;
    }

    @Test
    void aGuidOneCharacterOverTheColumnIsRefusedAndOtherDevicesAreStillSavedAcrossARestart() throws Exception {
        server = Servers.start(dir);
        try (TestEndpoint bad = TestEndpoint.connect(server.messagingPort())) {
            bad.hello("g".repeat(256), "6.5");
            assertThat(bad.read(Message.Goodbye.class).reason()).startsWith("invalid GUID");
            assertThat(bad.closedByServer(Duration.ofSeconds(5))).isTrue();
        }
        for (String hostile : List.of("<b>markup</b>", "fake\nINFO line", "")) {
            try (TestEndpoint bad = TestEndpoint.connect(server.messagingPort())) {
                bad.hello(hostile, "6.5");
                assertThat(bad.read(Message.Goodbye.class).reason()).startsWith("invalid GUID");
            }
        }
        try (TestEndpoint good = TestEndpoint.connect(server.messagingPort())) {
            good.hello("good-device", "6.5");
            assertThat(good.read(Message.Settings.class)).isNotNull();
        }
        server = server.restart();
        assertThat(server.devices()).extracting(DeviceRecord::guid).containsExactly("good-device");
    }

    @Test
    void anOversizedPropertyKeyThroughTheApiIsA422WithoutJdbcDetails() throws Exception {
        server = Servers.start(dir);
        ConsoleClient c = signedIn();
        ConsoleClient.Reply r = c.command("prop.set c42." + "k".repeat(300) + " v save");
        assertThat(r.status()).isEqualTo(422);
        assertThat(String.valueOf(r.json().get("output")))
                .contains("too long")
                .doesNotContainIgnoringCase("jdbc")
                .doesNotContain(dir.toString());
        List<Map<String, Object>> audit = (List) c.get("/api/audit").json().get("rows"); // the newest page
        assertThat(audit.get(0).get("succeeded")).isEqualTo(false);
    }

    @Test
    void aTwelveMegabyteUploadGetsA413ThatSaysWhy() throws Exception {
        server = Servers.start(dir);
        ConsoleClient c = signedIn();
        byte[] twelveMb = new byte[12 * 1024 * 1024];
        ConsoleClient.Reply r = c.post(
                "/api/certificates/import",
                Map.of(
                        "target",
                        "console",
                        "content",
                        java.util.Base64.getEncoder().encodeToString(twelveMb),
                        "password",
                        "x"));
        assertThat(r.status()).isEqualTo(413);
        assertThat(String.valueOf(r.json().get("error")))
                .startsWith("request body too large")
                .contains("8388608 bytes");
        assertThat(CliErrors.of(r)).startsWith("request body too large");
        ConsoleClient.Reply empty = new ConsoleClient.Reply(413, Map.of(), new byte[0]);
        assertThat(CliErrors.of(empty)).isEqualTo("the server answered HTTP 413 without a reason");
    }

    @Test
    void anInvalidUserNameIsRefusedBeforeAnyPasswordCheckAndAudited() throws Exception {
        server = Servers.start(dir);
        ConsoleClient c = new ConsoleClient(
                URI.create("https://127.0.0.1:" + server.consolePort()),
                server.consoleFingerprintSha256().toString(),
                false);
        ConsoleClient.Reply r = c.login("admin\n2026 INFO tlslab.audit - admin=admin result=ok", "x");
        assertThat(r.status()).isEqualTo(400);
        assertThat(String.valueOf(r.json().get("error"))).startsWith("invalid user name: a user name is 1 to 64");
        ConsoleClient admin = signedIn();
        List<Map<String, Object>> audit = (List) admin.get("/api/audit").json().get("rows"); // the newest page
        assertThat(audit).anySatisfy(a -> {
            assertThat(String.valueOf(a.get("command")))
                    .startsWith("sign-in as \"admin\\n2026")
                    .doesNotContain("\n");
            assertThat(a.get("succeeded")).isEqualTo(false);
        });
    }

    @Test
    void plainHttpToTheConsolePortGetsAShort400ThatSaysUseHttps() throws Exception {
        server = Servers.start(dir);
        try (Socket s = new Socket("127.0.0.1", server.consolePort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write("GET /console HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(reply)
                    .startsWith("HTTP/1.1 400 Bad Request\r\n")
                    .contains("use https://localhost:" + server.consolePort());
        }
        assertThat(signedIn().get("/api/session").status())
                .as("HTTPS still works")
                .isEqualTo(200);
    }

    @Test
    void theRedirectPortNamesTheConfiguredHostNeverTheHostHeader() throws Exception {
        server = Servers.builder(dir).redirectPort(0).start();
        HttpURLConnection http =
                (HttpURLConnection) new URL("http://127.0.0.1:" + server.redirectPort() + "/console").openConnection();
        http.setInstanceFollowRedirects(false);
        http.setRequestProperty("Host", "evil.example:4285");
        assertThat(http.getResponseCode()).isEqualTo(301);
        assertThat(http.getHeaderField("Location")).isEqualTo("https://localhost:" + server.consolePort() + "/console");
    }

    @Test
    void anExpiredCertificateIsRefusedAtInstallAndTheRunningOneStays() throws Exception {
        server = Servers.start(dir);
        var before = server.consoleFingerprintSha256();
        HeldCertificate expired = HeldCertificate.builder()
                .commonName("localhost")
                .subjectAlternativeNames("localhost")
                .extendedKeyUsage(KeyPurpose.SERVER_AUTH)
                .validityInterval(
                        Instant.now().minus(Duration.ofDays(400)), Instant.now().minus(Duration.ofDays(1)))
                .build();
        char[] pw = "changeit".toCharArray();
        byte[] p12 = KeyStores.toBytes(
                KeyStores.keyStore(KeyStores.Type.PKCS12, expired, List.of(expired.certificate()), pw), pw);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.certificates()
                        .install(ListenerPurpose.CONSOLE, p12, pw, null, new Actor("admin", "test")))
                .isInstanceOf(CertificateImportException.class)
                .hasMessageContaining("expired on");
        assertThat(server.consoleFingerprintSha256()).isEqualTo(before);
    }
}
