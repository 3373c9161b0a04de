package io.tlslab.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.ca.testing.TestPki;
import io.tlslab.server.AuthorityServer;
import io.tlslab.server.cli.ConsoleClient;
import io.tlslab.server.support.Servers;
import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's JSON API: sign-in, HSTS, CSRF, lockout, certificates, metrics. */
class ConsoleApiTest {
    @TempDir
    Path dir;

    AuthorityServer server;
    ConsoleClient client;

    @BeforeEach
    void start() {
        server = Servers.start(dir);
        client = newClient();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ConsoleClient newClient() {
        return new ConsoleClient(
                URI.create("https://127.0.0.1:" + server.consolePort()),
                server.consoleFingerprintSha256().toString(),
                false);
    }

    @Test
    void everyApiCallNeedsASignedInAdminAndEveryResponseCarriesHsts() throws Exception {
        for (String path : List.of("/api/devices", "/api/certificates", "/api/warnings", "/api/session", "/metrics")) {
            ConsoleClient.Reply r = client.get(path);
            assertThat(r.status()).as(path).isEqualTo(401);
            assertThat(r.header("Strict-Transport-Security")).as(path).contains("max-age=31536000");
        }
        ConsoleClient.Reply cmd = client.command("prop.show");
        assertThat(cmd.status()).isEqualTo(401);
        ConsoleClient.Reply page = client.get("/console");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text())
                .contains("id=\"logo\"", "id=\"command-input\"", "id=\"cert-panel\"", "id=\"device-table\"");
        assertThat(page.header("Strict-Transport-Security")).contains("max-age=31536000");

        ConsoleClient.Reply login = client.login("admin", Servers.ADMIN_PASSWORD);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.header("Strict-Transport-Security")).contains("max-age=31536000");
        assertThat(login.header("Set-Cookie").orElseThrow()).contains("Secure", "HttpOnly", "SameSite=Strict");
        ConsoleClient.Reply show = client.command("prop.show c42.pki.cert.trustedFingerprints");
        assertThat(show.status()).isEqualTo(200);
        assertThat(show.json().get("output"))
                .isEqualTo("c42.sabre.server.certificate.trustedFingerprints = \"\" (default)");
        ConsoleClient.Reply metrics = client.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("tlslab_certificate_days_to_expiry", "tlslab_warning_active");
    }

    /** A scraper's HTTP Basic is hashed off the console's executor and then served like a session. */
    @Test
    void metricsTakeHttpBasicThroughTheSignInHashing() throws Exception {
        javax.net.ssl.SSLContext trustAll = javax.net.ssl.SSLContext.getInstance("TLS");
        trustAll.init(
                null,
                new javax.net.ssl.TrustManager[] {
                    new javax.net.ssl.X509TrustManager() {
                        @Override
                        public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}

                        @Override
                        public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}

                        @Override
                        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                            return new java.security.cert.X509Certificate[0];
                        }
                    }
                },
                null);
        java.net.http.HttpClient http =
                java.net.http.HttpClient.newBuilder().sslContext(trustAll).build();
        for (String password : List.of(Servers.ADMIN_PASSWORD, "wrong")) {
            java.net.http.HttpResponse<String> r = http.send(
                    java.net.http.HttpRequest.newBuilder(
                                    URI.create("https://127.0.0.1:" + server.consolePort() + "/metrics"))
                            .header(
                                    "Authorization",
                                    "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes()))
                            .timeout(java.time.Duration.ofSeconds(30))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (password.equals("wrong")) {
                assertThat(r.statusCode()).isEqualTo(401);
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).contains("tlslab_warning_active");
            }
        }
    }

    @Test
    void stateChangingCallsNeedTheCsrfToken() throws Exception {
        client.login("admin", Servers.ADMIN_PASSWORD);
        ConsoleClient.Reply none = client.post("/api/command", Map.of("command", "prop.set c42.x 1 save"), null);
        ConsoleClient.Reply wrong = client.post("/api/command", Map.of("command", "prop.set c42.x 1 save"), "forged");
        assertThat(none.status()).isEqualTo(403);
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.json().get("error").toString()).contains("CSRF");
        assertThat(server.execute("prop.show c42.x").output()).endsWith("(default)");
        ConsoleClient.Reply right = client.post("/api/command", Map.of("command", "prop.set c42.x 1 save"));
        assertThat(right.status()).isEqualTo(200);
        assertThat(server.execute("prop.show c42.x").output()).isEqualTo("c42.x = 1 (saved)");
    }

    @Test
    void repeatedFailuresLockTheAccountEvenForTheRightPassword() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(client.login("admin", "guess-" + i).status()).isEqualTo(401);
        }
        ConsoleClient.Reply locked = client.login("admin", Servers.ADMIN_PASSWORD);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isPresent();
        assertThat(locked.json().get("error").toString()).startsWith("too many failed sign-ins");
    }

    @Test
    void refusedCommandsAnswer422WithTheOneLineError() throws Exception {
        client.login("admin", Servers.ADMIN_PASSWORD);
        ConsoleClient.Reply r = client.command("prop.set c42.sabre.server.certificate.useHttpsCertificate perhaps");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json()).containsEntry("ok", false);
        assertThat(r.json().get("output").toString())
                .isEqualTo(
                        "error: c42.sabre.server.certificate.useHttpsCertificate expects true or false, got 'perhaps'");
        ConsoleClient.Reply badJson = client.post("/api/command", Map.of());
        assertThat(badJson.status()).isEqualTo(400);
    }

    @Test
    void importRefusalsKeepTheRunningCertificateAndExportWorksOnlyForInstalledOnes() throws Exception {
        client.login("admin", Servers.ADMIN_PASSWORD);
        String before = server.consoleFingerprintSha256().toString();
        TestPki pki = TestPki.current();
        ConsoleClient.Reply exportDefault =
                client.post("/api/certificates/export", Map.of("target", "console", "password", "abcd1234"));
        assertThat(exportDefault.status()).isEqualTo(409);
        assertThat(exportDefault.json().get("error").toString()).contains("default self-signed certificate");

        ConsoleClient.Reply wrongPw = client.post(
                "/api/certificates/import",
                Map.of(
                        "target",
                        "console",
                        "content",
                        Base64.getEncoder().encodeToString(pki.pkcs12()),
                        "password",
                        "wrong"));
        assertThat(wrongPw.status()).isEqualTo(422);
        assertThat(wrongPw.json().get("error")).isEqualTo("wrong password for the PKCS#12 keystore");
        assertThat(server.consoleFingerprintSha256().toString()).isEqualTo(before);

        ConsoleClient.Reply ok = client.post(
                "/api/certificates/import",
                Map.of("target", "console", "content", Base64.getEncoder().encodeToString(pki.pem()), "password", ""));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(server.consoleFingerprintSha256()).isEqualTo(pki.leaf.sha256());

        ConsoleClient pinnedToNew = new ConsoleClient(
                URI.create("https://127.0.0.1:" + server.consolePort()),
                pki.leaf.sha256().toString(),
                false);
        assertThat(pinnedToNew.login("admin", Servers.ADMIN_PASSWORD).status())
                .as("4285 serves the new certificate")
                .isEqualTo(200);
        ConsoleClient.Reply backup =
                pinnedToNew.post("/api/certificates/export", Map.of("target", "console", "password", "abcd1234"));
        assertThat(backup.status()).isEqualTo(200);
        assertThat(io.tlslab.server.cert.KeystoreImporter.load(backup.body(), "abcd1234".toCharArray(), null)
                        .leaf())
                .isEqualTo(pki.leaf.certificate());

        ConsoleClient.Reply reset = pinnedToNew.post("/api/certificates/reset", Map.of("target", "console"));
        assertThat(reset.status()).isEqualTo(200);
        assertThat(server.consoleFingerprintSha256()).isNotEqualTo(pki.leaf.sha256());
        assertThat(server.certificates()
                        .origin(io.tlslab.server.cert.ListenerPurpose.CONSOLE)
                        .name())
                .isEqualTo("SELF_SIGNED");
    }

    @Test
    void signOutEndsTheSession() throws Exception {
        client.login("admin", Servers.ADMIN_PASSWORD);
        assertThat(client.get("/api/session").status()).isEqualTo(200);
        assertThat(client.post("/api/logout", Map.of()).status()).isEqualTo(200);
        assertThat(client.get("/api/session").status()).isEqualTo(401);
    }
}
