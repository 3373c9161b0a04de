package io.tlslab.fleet.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.ca.scenario.Scenario;
import io.tlslab.protocol.pem.Pem;
import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.validation.CertificateValidator;
import io.tlslab.tls.validation.TrustAnchors;
import io.tlslab.tls.validation.ValidationPolicy;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole catalogue served at once: every port presents its scenario's chain exactly, plus index and files. */
class ScenarioLabTest {

    @TempDir
    static Path dir;

    static ScenarioLab lab;

    @BeforeAll
    static void start() throws Exception {
        lab = ScenarioLab.start(new LabConfig(
                "localhost",
                Arrays.asList(Scenario.values()),
                InetAddress.getLoopbackAddress(),
                0,
                TlsEngine.OPENSSL,
                dir));
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void everyPortPresentsItsScenarioChainExactlyAsMintedAndNamesTheScenario() throws Exception {
        LabManifest m = lab.manifest();
        assertThat(m.scenarios()).hasSize(Scenario.values().length);
        assertThat(m.scenarios().stream().map(LabScenario::port).distinct()).hasSize(Scenario.values().length);
        for (LabScenario s : m.scenarios()) {
            List<X509Certificate> minted = Pem.readCertificates(lab.resolve("certs/" + s.slug() + "/chain.pem"));
            Fetched f = fetch(s);
            assertThat(f.chain()).as(s.slug()).containsExactlyElementsOf(minted);
            assertThat(f.body()).as(s.slug()).contains("HTTP/1.1 200", "tlslab scenario " + s.slug() + ":");
        }
    }

    @Test
    void manifestStatesExpectationsPerModeAndTheArticleProfileIsTheStrictColumn() throws Exception {
        LabManifest read = LabManifestJson.read(dir.resolve(LabManifest.FILE_NAME));
        assertThat(read).isEqualTo(lab.manifest());
        LabScenario expired = read.scenario("expired-leaf");
        assertThat(expired.expected())
                .containsEntry("strict", "REJECT:EXPIRED")
                .containsEntry("non-strict", "ACCEPT")
                .containsEntry("allowlisted", "ACCEPT")
                .containsEntry("5.x", "ACCEPT");
        for (LabScenario s : read.scenarios()) {
            Scenario sc = Scenario.parse(s.slug());
            assertThat(s.expectedFor("article"))
                    .isEqualTo(sc.expected(ClientMode.STRICT).toString());
            assertThat(s.dialHost()).isEqualTo(sc.dialHost("localhost"));
            assertThat(s.url()).isEqualTo("https://" + s.dialHost() + ":" + s.port() + "/");
            assertThat(Files.readString(lab.resolve(s.trustAnchors()))).startsWith("-----BEGIN CERTIFICATE-----");
        }
        assertThat(Files.readString(lab.resolve(read.hostsFile())))
                .contains("127.0.0.1 localhost node1.localhost a.b.localhost")
                .doesNotContain(" 127.0.0.1 ");
    }

    /** One CA bundle for every scenario (the container's trustAnchors()) must not turn any reject into an accept. */
    @Test
    void theUnionOfAllAnchorsKeepsEveryScenarioOutcome() throws Exception {
        TrustAnchors all = TrustAnchors.fromPem(lab.resolve(lab.manifest().trustAnchorsAll()));
        for (LabScenario s : lab.manifest().scenarios()) {
            List<X509Certificate> chain = Pem.readCertificates(lab.resolve("certs/" + s.slug() + "/chain.pem"));
            // a scenario shipping a CRL (revoked-leaf) expects the client to hold it
            java.nio.file.Path crl = lab.resolve("certs/" + s.slug() + "/crl.pem");
            ValidationPolicy policy = java.nio.file.Files.exists(crl)
                    ? ValidationPolicy.strict().withCrls(io.tlslab.tls.validation.CrlFiles.read(crl))
                    : ValidationPolicy.strict();
            var own = new CertificateValidator(TrustAnchors.fromPem(lab.resolve(s.trustAnchors())))
                    .validate(chain, s.dialHost(), Instant.now(), policy);
            var union = new CertificateValidator(all).validate(chain, s.dialHost(), Instant.now(), policy);
            assertThat(own.outcome().toString()).as(s.slug()).isEqualTo(s.expectedFor("article"));
            assertThat(union.accepted()).as(s.slug()).isEqualTo(own.accepted());
        }
    }

    @Test
    void indexPageListsEveryScenarioAndServesTheFiles() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String base = "http://127.0.0.1:" + lab.manifest().indexPort();
        HttpResponse<String> index =
                http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(index.statusCode()).isEqualTo(200);
        for (LabScenario s : lab.manifest().scenarios()) {
            assertThat(index.body()).contains("<a href=\"" + s.url() + "\">" + s.slug() + "</a>");
        }
        assertThat(get(http, base + "/scenarios.json").body())
                .isEqualTo(Files.readString(dir.resolve(LabManifest.FILE_NAME)));
        assertThat(get(http, base + "/trust-anchors.pem").body())
                .isEqualTo(Files.readString(lab.resolve(lab.manifest().trustAnchorsAll())));
        assertThat(get(http, base + "/nothing-here").statusCode()).isEqualTo(404);
        assertThat(http.send(
                                HttpRequest.newBuilder(URI.create(base + "/"))
                                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(405);
    }

    @Test
    void aBasePortAlreadyInUseIsAOneLineError() throws Exception {
        int taken = lab.manifest().indexPort();
        try {
            ScenarioLab.start(new LabConfig(
                            "localhost",
                            List.of(Scenario.VALID_EC_P256),
                            InetAddress.getLoopbackAddress(),
                            taken,
                            TlsEngine.JDK,
                            dir.resolve("second")))
                    .close();
            throw new AssertionError("a second lab bound an occupied port");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage())
                    .startsWith("cannot listen on 127.0.0.1:" + taken)
                    .doesNotContain("\n");
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private record Fetched(List<X509Certificate> chain, String body) {}

    /** A TLS client that records whatever chain the port presents (no judgement) and sends one GET. */
    private static Fetched fetch(LabScenario s) throws Exception {
        Recorder recorder = new Recorder();
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new javax.net.ssl.TrustManager[] {recorder}, null);
        try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), s.port());
                SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, s.dialHost(), s.port(), true)) {
            tls.setSoTimeout(10_000);
            if (!s.dialHost().matches("[0-9.]+")) {
                SSLParameters p = tls.getSSLParameters();
                p.setServerNames(List.of(new SNIHostName(s.dialHost())));
                tls.setSSLParameters(p);
            }
            tls.startHandshake();
            OutputStream out = tls.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + s.dialHost() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = tls.getInputStream();
            return new Fetched(List.of(recorder.chain), new String(in.readNBytes(4096), StandardCharsets.UTF_8));
        }
    }

    private static final class Recorder extends X509ExtendedTrustManager {
        volatile X509Certificate[] chain;

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a, Socket s) {
            chain = c;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) {
            chain = c;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a) {
            chain = c;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String a, Socket s) {}

        @Override
        public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) {}

        @Override
        public void checkClientTrusted(X509Certificate[] c, String a) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
