package io.tlslab.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.client.endpoint.Endpoint;
import io.tlslab.client.endpoint.EndpointConfig;
import io.tlslab.client.endpoint.EndpointListener;
import io.tlslab.client.endpoint.EndpointTransport;
import io.tlslab.client.settings.EndpointSettings;
import io.tlslab.client.settings.InMemorySettingsStore;
import io.tlslab.protocol.wire.Message;
import io.tlslab.server.AuthorityServer;
import io.tlslab.server.command.CommandProcessor;
import io.tlslab.server.store.DeviceRecord;
import io.tlslab.server.support.Servers;
import io.tlslab.server.support.TestEndpoint;
import io.tlslab.tls.validation.TrustAnchors;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Admission limits, the device audit view, the article's warnings and the handshake metrics. */
class LimitsAuditAndWarningsTest {
    private static final String STRICT = "c42.sabre.client.certificate.strictValidation";

    @TempDir
    Path dir;

    @Test
    void beyondTheConnectionLimitNewConnectionsAreClosedAtOnce() throws Exception {
        AuthorityServer.Builder b = Servers.builder(dir);
        b.config().maxConnections(2);
        try (AuthorityServer server = b.start();
                TestEndpoint one = TestEndpoint.connect(server.messagingPort()).hello("one", "6.0");
                TestEndpoint two = TestEndpoint.connect(server.messagingPort()).hello("two", "6.0")) {
            one.read(Message.Settings.class);
            two.read(Message.Settings.class);
            assertThat(closedWithoutAnswer(server.messagingPort())).isTrue();
            assertThat(server.prometheus())
                    .containsPattern(
                            "tlslab_connections_refused_total\\{listener=\"endpoints\",why=\"connections\"} 1\\.0");
        }
    }

    @Test
    void beyondTheHandshakesInFlightLimitANewConnectionWaitsAndIsServedWhenTheSlotFrees() throws Exception {
        AuthorityServer.Builder b = Servers.builder(dir);
        b.config().maxHandshakesInFlight(1).handshakeTimeout(Duration.ofSeconds(60));
        try (AuthorityServer server = b.start();
                Socket stalled = new Socket()) {
            stalled.connect(new InetSocketAddress("127.0.0.1", server.messagingPort()), 5000);
            // the stalled connection holds the only handshake slot (its timeout is 60 s) once the server took it
            eventually(() -> server.prometheus().contains("tlslab_handshakes_inflight{listener=\"endpoints\"} 1.0")
                    ? Optional.of(true)
                    : Optional.empty());
            CompletableFuture<TestEndpoint> late = CompletableFuture.supplyAsync(() -> {
                try {
                    return TestEndpoint.connect(server.messagingPort());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            eventually(() -> server.prometheus().contains("tlslab_handshakes_waiting{listener=\"endpoints\"} 1.0")
                    ? Optional.of(true)
                    : Optional.empty());
            assertThat(late).as("held, not closed, while the slot is taken").isNotDone();

            stalled.close();
            try (TestEndpoint served = late.get(20, TimeUnit.SECONDS).hello("late", "6.0")) {
                served.read(Message.Settings.class);
            }
            assertThat(server.prometheus())
                    .contains("tlslab_handshakes_queued_total{listener=\"endpoints\"} 1.0")
                    .contains("tlslab_handshakes_queue_wait_seconds_count{listener=\"endpoints\"} 1")
                    .doesNotContain("tlslab_connections_refused_total{listener=\"endpoints\"");
        }
    }

    @Test
    void withoutAHandshakeQueueNewConnectionsBeyondTheHandshakesLimitAreClosedAtOnce() throws Exception {
        AuthorityServer.Builder b = Servers.builder(dir);
        b.config()
                .maxHandshakesInFlight(1)
                .handshakeTimeout(Duration.ofSeconds(60))
                .handshakeQueue(0, 0, Duration.ofSeconds(10));
        try (AuthorityServer server = b.start();
                Socket stalled = new Socket()) {
            stalled.connect(new InetSocketAddress("127.0.0.1", server.messagingPort()), 5000);
            eventually(() -> server.prometheus().contains("tlslab_handshakes_inflight{listener=\"endpoints\"} 1.0")
                    ? Optional.of(true)
                    : Optional.empty());
            assertThat(closedWithoutAnswer(server.messagingPort())).isTrue();
            assertThat(server.prometheus())
                    .containsPattern(
                            "tlslab_connections_refused_total\\{listener=\"endpoints\",why=\"handshake_queue_full\"} 1\\.0");
        }
    }

    @Test
    void nonStrictEndpointsReportWhatStrictWouldRejectAndTheDeviceViewShowsIt() throws Exception {
        try (AuthorityServer server = Servers.start(dir);
                EndpointTransport transport = EndpointTransport.create(1)) {
            HeldCertificate unrelatedRoot = HeldCertificate.builder()
                    .commonName("some root")
                    .certificateAuthority()
                    .build();
            EndpointConfig config = EndpointConfig.builder()
                    .server("127.0.0.1", server.messagingPort())
                    .dialHost("localhost")
                    .trustAnchors(TrustAnchors.of(unrelatedRoot.certificate()))
                    .version("6.0")
                    .guid("auditor")
                    .settingsStore(new InMemorySettingsStore("auditor", EndpointSettings.defaults()))
                    .build();
            try (Endpoint e = new Endpoint(config, transport, EndpointListener.NONE)) {
                assertThat(e.connectOnce().get(20, TimeUnit.SECONDS).accepted()).isTrue();
                DeviceRecord d = eventually(() -> server.devices().stream()
                        .filter(x ->
                                x.guid().equals("auditor") && !x.auditFindings().isEmpty())
                        .findFirst());
                assertThat(d.auditFindings()).contains(io.tlslab.protocol.validation.ReasonCode.SELF_SIGNED);
                assertThat(io.tlslab.server.device.DeviceRegistry.strictReadiness(d))
                        .isEqualTo(io.tlslab.server.device.Readiness.rejected(
                                io.tlslab.protocol.validation.ReasonCode.SELF_SIGNED))
                        .hasToString("REJECT:SELF_SIGNED");
                assertThat(d.version()).isEqualTo("6.0");
                assertThat(server.prometheus())
                        .containsPattern("tlslab_devices_by_state\\{mode=\"non-strict\",readiness=\"REJECT\"} 1\\.0");
            }
            assertThat(server.prometheus())
                    .containsPattern(
                            "tlslab_handshakes_total\\{engine=\"[A-Z]+\",listener=\"endpoints\",outcome=\"OK\",reason=\"NONE\"} [1-9]");
        }
    }

    @Test
    void theArticlesWarningsAreRaisedAndCleared() throws Exception {
        try (AuthorityServer server = Servers.start(dir)) {
            assertThat(server.warnings()).isEmpty();
            server.execute("setting.set system " + STRICT + " true");
            assertThat(server.warnings()).containsKey("STRICT_WITH_FAILING_CERTIFICATE");
            assertThat(server.warnings().get("STRICT_WITH_FAILING_CERTIFICATE")).contains("SELF_SIGNED");
            assertThat(server.prometheus())
                    .containsPattern("tlslab_warning_active\\{kind=\"STRICT_WITH_FAILING_CERTIFICATE\"} 1\\.0");

            String off =
                    server.execute("setting.set system " + STRICT + " false").output();
            assertThat(off).contains(CommandProcessor.STRICT_OFF_WARNING);
            assertThat(server.warnings())
                    .containsKey("STRICT_VALIDATION_DISABLED")
                    .doesNotContainKey("STRICT_WITH_FAILING_CERTIFICATE");
            server.execute("setting.set system " + STRICT + " true");
            assertThat(server.warnings()).doesNotContainKey("STRICT_VALIDATION_DISABLED");

            HeldCertificate soon = HeldCertificate.builder()
                    .commonName("localhost")
                    .subjectAlternativeNames("localhost")
                    .validityInterval(
                            Instant.now().minus(Duration.ofDays(1)),
                            Instant.now().plus(Duration.ofDays(5)))
                    .build();
            server.present(soon.privateKey(), List.of(soon.certificate()));
            assertThat(server.warnings().get("CERTIFICATE_EXPIRING"))
                    .contains("messaging certificate CN=localhost", "(4 days)");
        }
    }

    @Test
    void silentEndpointsArePingedAndThenDroppedWhenIdle() throws Exception {
        AuthorityServer.Builder b = Servers.builder(dir);
        b.config().pingInterval(Duration.ofMillis(200)).idleTimeout(Duration.ofSeconds(2));
        try (AuthorityServer server = b.start();
                TestEndpoint quiet =
                        TestEndpoint.connect(server.messagingPort()).hello("quiet", "6.0")) {
            assertThat(quiet.readAny()).isInstanceOf(Message.Settings.class);
            assertThat(quiet.readAny()).isInstanceOf(Message.Ping.class);
            // never answering: the server's read side goes idle and it hangs up
            assertThat(quiet.closedByServer(Duration.ofSeconds(20))).isTrue();
            assertThat(eventually(() -> server.connectedEndpoints() == 0 ? Optional.of(true) : Optional.empty()))
                    .isTrue();
        }
    }

    private static boolean closedWithoutAnswer(int port) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            return in.read() < 0;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    private static <T> T eventually(Supplier<Optional<T>> probe) {
        return await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(probe::get, Optional::isPresent)
                .get();
    }
}
