package io.tlslab.server.article;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.testing.TestPki;
import io.tlslab.client.endpoint.Endpoint;
import io.tlslab.client.endpoint.EndpointConfig;
import io.tlslab.client.endpoint.EndpointListener;
import io.tlslab.client.endpoint.EndpointTransport;
import io.tlslab.client.endpoint.HandshakeOutcome;
import io.tlslab.client.settings.EndpointSettings;
import io.tlslab.client.settings.InMemorySettingsStore;
import io.tlslab.protocol.settings.FingerprintList;
import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.protocol.validation.ReasonCode;
import io.tlslab.server.AuthorityServer;
import io.tlslab.server.cli.ConsoleClient;
import io.tlslab.server.support.Servers;
import io.tlslab.server.support.TestEndpoint;
import io.tlslab.tls.validation.TrustAnchors;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vendor article, end to end and in process: the server starts with its self-signed default,
 * the admin installs a CA-signed console certificate, runs the article's three commands through the
 * console API, restarts, and real endpoints (endpoint-client's {@link Endpoint}) react as the
 * article says.
 */
class ArticleEndToEndTest {
    private static final String USE_HTTPS = "prop.set c42.sabre.server.certificate.useHttpsCertificate true save all";
    private static final String STRICT_ON = "setting.set system c42.sabre.client.certificate.strictValidation true";

    @TempDir
    Path dir;

    @Test
    void theArticle() throws Exception {
        TestPki pki = TestPki.current();
        AuthorityServer server = Servers.start(dir);
        try (EndpointTransport transport = EndpointTransport.create(1)) {
            // 1. Default: both listeners serve self-signed certificates.
            X509Certificate defaultMessaging = leafOn(server.messagingPort());
            assertThat(defaultMessaging.getSubjectX500Principal()).isEqualTo(defaultMessaging.getIssuerX500Principal());

            // 2. Install a CA-signed console certificate; 3. the article's first command.
            ConsoleClient admin = signIn(server);
            ConsoleClient.Reply installed = admin.post(
                    "/api/certificates/import",
                    Map.of(
                            "target",
                            "console",
                            "content",
                            Base64.getEncoder().encodeToString(pki.pkcs12()),
                            "password",
                            TestPki.PASSWORD));
            assertThat(installed.status()).isEqualTo(200);
            assertThat(leafOn(server.consolePort())).isEqualTo(pki.leaf.certificate());
            assertThat(admin.command(USE_HTTPS).status()).isEqualTo(200);
            assertThat(leafOn(server.messagingPort()))
                    .as("useHttpsCertificate waits for a restart")
                    .isEqualTo(defaultMessaging);

            // 4. Restart: 4287 and 4288 now present the console's certificate and chain.
            server = server.restart();
            assertThat(leafOn(server.messagingPort()))
                    .isEqualTo(leafOn(server.consolePort()))
                    .isEqualTo(pki.leaf.certificate());
            assertThat(chainOn(server.messagingPort())).containsExactlyElementsOf(pki.chain());
            assertThat(server.messagingFingerprintSha256()).isEqualTo(server.consoleFingerprintSha256());

            // 5. Connected 6.0 and 5.4 endpoints receive strictValidation=true the moment it is set.
            Recorder r60 = new Recorder();
            Recorder r54 = new Recorder();
            Endpoint e60 = endpoint(transport, server, "endpoint-60", "6.0", EndpointSettings.defaults(), pki, r60);
            Endpoint e54 = endpoint(transport, server, "endpoint-54", "5.4", EndpointSettings.defaults(), pki, r54);
            assertThat(e60.connectOnce().get(20, TimeUnit.SECONDS).accepted()).isTrue();
            assertThat(e54.connectOnce().get(20, TimeUnit.SECONDS).accepted()).isTrue();
            assertThat(r60.nextSettings().strictValidation()).isFalse();
            assertThat(r54.nextSettings().strictValidation()).isFalse();
            admin = signIn(server);
            assertThat(admin.command(STRICT_ON).status()).isEqualTo(200);
            assertThat(r60.nextSettings().strictValidation()).isTrue();
            assertThat(r54.nextSettings().strictValidation()).isTrue();
            assertThat(e60.mode()).isEqualTo(ClientMode.STRICT);
            assertThat(e54.mode()).as("a 5.x endpoint ignores strictValidation").isEqualTo(ClientMode.LEGACY_5X);

            // 6. The article's allowlist command, with the fingerprint of a certificate strict would reject.
            HeldCertificate selfSigned = HeldCertificate.builder()
                    .commonName("localhost")
                    .subjectAlternativeNames("localhost")
                    .build();
            assertThat(admin.command("prop.set c42.pki.cert.trustedFingerprints " + selfSigned.sha1() + " save all")
                            .status())
                    .isEqualTo(200);
            assertThat(r60.nextSettings().trustedFingerprints()).isEqualTo(FingerprintList.of(selfSigned.sha1()));
            e60.close();
            e54.close();

            // 7. The server now serves that otherwise rejected certificate.
            server.present(selfSigned.privateKey(), List.of(selfSigned.certificate()));
            Endpoint strictWithoutAllowlist = endpoint(
                    transport,
                    server,
                    "endpoint-60-strict",
                    "6.0",
                    new EndpointSettings(true, FingerprintList.empty()),
                    pki,
                    new Recorder());
            HandshakeOutcome refused = strictWithoutAllowlist.connectOnce().get(20, TimeUnit.SECONDS);
            assertThat(refused.status()).isEqualTo(HandshakeOutcome.Status.REJECTED);
            assertThat(refused.reason()).contains(ReasonCode.SELF_SIGNED);

            Endpoint allowlisted =
                    endpoint(transport, server, "endpoint-60", "6.0", e60.settings(), pki, new Recorder());
            HandshakeOutcome trusted = allowlisted.connectOnce().get(20, TimeUnit.SECONDS);
            assertThat(trusted.mode()).isEqualTo(ClientMode.ALLOWLISTED);
            assertThat(trusted.accepted()).isTrue();
            assertThat(trusted.verdict().allowlistOverride()).isTrue();

            Endpoint legacy = endpoint(transport, server, "endpoint-54", "5.4", e54.settings(), pki, new Recorder());
            assertThat(legacy.connectOnce().get(20, TimeUnit.SECONDS).accepted())
                    .as("5.x never validates strictly")
                    .isTrue();

            // The server keeps a device view: versions, and what strict would conclude for the 5.x one.
            assertThat(server.devices())
                    .extracting(d -> d.guid() + "@" + d.version())
                    .contains("endpoint-60@6.0", "endpoint-54@5.4");
            strictWithoutAllowlist.close();
            allowlisted.close();
            legacy.close();
        } finally {
            server.close();
        }
    }

    private static Endpoint endpoint(
            EndpointTransport transport,
            AuthorityServer server,
            String guid,
            String version,
            EndpointSettings stored,
            TestPki pki,
            Recorder recorder)
            throws Exception {
        EndpointConfig config = EndpointConfig.builder()
                .server("127.0.0.1", server.messagingPort())
                .dialHost("localhost")
                .trustAnchors(TrustAnchors.of(pki.root.certificate()))
                .version(version)
                .guid(guid)
                .settingsStore(new InMemorySettingsStore(guid, stored))
                .build();
        return new Endpoint(config, transport, recorder);
    }

    private static ConsoleClient signIn(AuthorityServer server) throws Exception {
        ConsoleClient c = new ConsoleClient(
                URI.create("https://127.0.0.1:" + server.consolePort()),
                server.consoleFingerprintSha256().toString(),
                false);
        assertThat(c.login("admin", Servers.ADMIN_PASSWORD).status()).isEqualTo(200);
        return c;
    }

    private static X509Certificate leafOn(int port) throws Exception {
        return chainOn(port).get(0);
    }

    private static List<X509Certificate> chainOn(int port) throws Exception {
        try (TestEndpoint e = TestEndpoint.connect(port)) {
            return e.serverChain();
        }
    }

    /** Collects the settings an endpoint receives. */
    private static final class Recorder implements EndpointListener {
        private final BlockingQueue<EndpointSettings> settings = new LinkedBlockingQueue<>();

        @Override
        public void settingsReceived(EndpointSettings s) {
            settings.add(s);
        }

        EndpointSettings nextSettings() throws InterruptedException {
            EndpointSettings s = settings.poll(20, TimeUnit.SECONDS);
            assertThat(s).as("settings pushed within 20 s").isNotNull();
            return s;
        }
    }
}
