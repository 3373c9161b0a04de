package io.tlslab.client.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.scenario.Scenario;
import io.tlslab.ca.scenario.ScenarioMinter;
import io.tlslab.client.settings.EndpointSettings;
import io.tlslab.client.settings.FileSettingsStore;
import io.tlslab.client.settings.InMemorySettingsStore;
import io.tlslab.protocol.settings.PropertyKey;
import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import io.tlslab.protocol.wire.Message;
import io.tlslab.protocol.wire.MessageCodec;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.TlsOptions;
import io.tlslab.tls.retry.RetryPolicy;
import io.tlslab.tls.validation.CertificateValidator;
import io.tlslab.tls.validation.TrustAnchors;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The endpoint's behaviour around the handshake: persisted settings, framing limits, keep-alive, retries. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointSessionTest {

    private static final Map<String, String> STRICT_ON = Map.of(PropertyKey.STRICT_VALIDATION.key(), "true");

    private EndpointTransport transport;
    private MintedScenario good;
    private MintedScenario expired;
    private MintedScenario md5;
    private CertificateValidator validator;
    private final List<ScenarioTlsServer> servers = new ArrayList<>();

    @BeforeAll
    void mint() {
        transport = EndpointTransport.create(2);
        ScenarioMinter minter = new ScenarioMinter();
        good = minter.mint(Scenario.VALID_EC_P256, "localhost");
        expired = minter.mint(Scenario.EXPIRED_LEAF, "localhost");
        md5 = minter.mint(Scenario.MD5_LEAF, "localhost");
        List<X509Certificate> anchors = new ArrayList<>(good.trustAnchors());
        anchors.addAll(expired.trustAnchors());
        anchors.addAll(md5.trustAnchors());
        validator = new CertificateValidator(TrustAnchors.of(anchors));
    }

    @AfterAll
    void stop() {
        servers.forEach(ScenarioTlsServer::close);
        transport.close();
    }

    private ScenarioTlsServer server(MintedScenario scenario, ScenarioTlsServer.HelloAction onHello) throws Exception {
        ScenarioTlsServer server = ScenarioTlsServer.start(transport, scenario, TlsEngine.preferred(), onHello);
        servers.add(server);
        return server;
    }

    private EndpointConfig.Builder config(ScenarioTlsServer server) {
        return EndpointConfig.builder()
                .server("127.0.0.1", server.port())
                .dialHost("localhost")
                .validator(validator);
    }

    @Test
    void strictSettingSurvivesARestartAndTheRestartedEndpointSendsNothingToABadServer(@TempDir Path dataDir)
            throws Exception {
        ScenarioTlsServer goodServer = server(good, ScenarioTlsServer.pushSettings(STRICT_ON));
        ScenarioTlsServer badServer = server(expired, ScenarioTlsServer.pushSettings(STRICT_ON));

        // first run: non-strict by default, learns strictValidation=true from a good server
        CompletableFuture<EndpointSettings> received = new CompletableFuture<>();
        EndpointListener listener = new EndpointListener() {
            @Override
            public void settingsReceived(EndpointSettings settings) {
                received.complete(settings);
            }
        };
        String guid;
        try (Endpoint first = new Endpoint(config(goodServer).dataDir(dataDir).build(), transport, listener)) {
            assertThat(first.mode()).isEqualTo(ClientMode.NON_STRICT);
            assertThat(first.connectOnce().get(10, TimeUnit.SECONDS).accepted()).isTrue();
            assertThat(received.get(10, TimeUnit.SECONDS).strictValidation()).isTrue();
            guid = first.guid();
        }
        assertThat(Files.readString(dataDir.resolve(FileSettingsStore.FILE_NAME)))
                .contains(PropertyKey.STRICT_VALIDATION.key() + "=true");

        // control: the bad server does receive bytes from an endpoint that does not validate strictly
        try (Endpoint lax = new Endpoint(config(badServer).build(), transport, EndpointListener.NONE)) {
            assertThat(lax.connectOnce().get(10, TimeUnit.SECONDS).accepted()).isTrue();
            EndpointScenarioMatrixTest.awaitMessage(
                    badServer, Message.Hello.class, h -> h.guid().equals(lax.guid()));
        }
        long bytesBefore = badServer.applicationBytes();
        int failedHandshakesBefore = badServer.handshakesFailed();

        // restart: strict from the first byte, so the expired certificate is refused before HELLO
        try (Endpoint restarted =
                new Endpoint(config(badServer).dataDir(dataDir).build(), transport, EndpointListener.NONE)) {
            assertThat(restarted.guid()).isEqualTo(guid);
            assertThat(restarted.mode()).isEqualTo(ClientMode.STRICT);
            HandshakeOutcome outcome = restarted.connectOnce().get(10, TimeUnit.SECONDS);
            assertThat(outcome.outcome()).contains(Outcome.rejected(ReasonCode.EXPIRED));
        }
        awaitCondition(
                () -> badServer.handshakesFailed() > failedHandshakesBefore,
                "the bad server saw the refused handshake");
        assertThat(badServer.applicationBytes()).isEqualTo(bytesBefore);
        assertThat(badServer.received(Message.Hello.class))
                .noneMatch(h -> h.guid().equals(guid));
    }

    @Test
    void oversizeFrameClosesTheConnection() throws Exception {
        ByteBuffer frame = ByteBuffer.allocate(MessageCodec.LENGTH_PREFIX_BYTES + 16);
        frame.putInt(MessageCodec.MAX_FRAME_BYTES + 1); // announces a body one byte over the limit
        ScenarioTlsServer server = server(good, ScenarioTlsServer.sendRaw(frame.array()));
        assertThat(disconnectReason(config(server).build())).startsWith("oversize frame");
    }

    @Test
    void malformedFrameClosesTheConnection() throws Exception {
        byte[] frame = {0, 0, 0, 2, 0x7F, 0x00}; // a 2-byte body of unknown message type 0x7F
        ScenarioTlsServer server = server(good, ScenarioTlsServer.sendRaw(frame));
        assertThat(disconnectReason(config(server).build()))
                .startsWith("malformed frame")
                .contains("0x7F");
    }

    @Test
    void aServerThatStopsAnsweringIsDroppedAfterTheIdleTimeout() throws Exception {
        ScenarioTlsServer server = server(good, ScenarioTlsServer.pushSettingsThenGoQuiet(Map.of()));
        EndpointConfig config = config(server)
                .keepAlive(Duration.ofMillis(50), Duration.ofMillis(300))
                .build();
        assertThat(disconnectReason(config)).isEqualTo("idle timeout");
    }

    @Test
    void keepAlivePingsAreAnsweredSoAQuietButLiveConnectionStays() throws Exception {
        ScenarioTlsServer server = server(good, ScenarioTlsServer.pushSettings(Map.of()));
        RecordingListener events = new RecordingListener();
        EndpointConfig config = config(server)
                .keepAlive(Duration.ofMillis(20), Duration.ofSeconds(1))
                .build();
        try (Endpoint endpoint = new Endpoint(config, transport, events)) {
            assertThat(endpoint.connectOnce().get(10, TimeUnit.SECONDS).accepted())
                    .isTrue();
            // many ping intervals pass with nothing but pings and pongs on the wire
            awaitCondition(
                    () -> server.received(Message.Ping.class).size() >= 10 || !events.disconnects.isEmpty(),
                    "ten pings");
            assertThat(events.disconnects).as("disconnects").isEmpty();
            assertThat(endpoint.isConnected()).isTrue();
        }
    }

    @Test
    void strictEndpointRetriesARejectingServerOnTheConfiguredScheduleAndNeverSendsData() throws Exception {
        ScenarioTlsServer server = server(expired, ScenarioTlsServer.pushSettings(STRICT_ON));
        RecordingListener events = new RecordingListener();
        EndpointConfig config = config(server)
                .settingsStore(new InMemorySettingsStore(
                        "retrying", EndpointSettings.defaults().withStrictValidation(true)))
                .retryPolicy(RetryPolicy.fixed(Duration.ofMillis(20)))
                .build();
        try (Endpoint endpoint = new Endpoint(config, transport, events)) {
            endpoint.start();
            for (int i = 0; i < 3; i++) {
                HandshakeOutcome outcome = events.outcomes.poll(10, TimeUnit.SECONDS);
                assertThat(outcome).isNotNull();
                assertThat(outcome.outcome()).contains(Outcome.rejected(ReasonCode.EXPIRED));
            }
            awaitCondition(() -> events.retries.size() >= 3, "three retries");
        }
        assertThat(events.retries).hasSizeGreaterThanOrEqualTo(3);
        assertThat(events.retries.subList(0, 3)).containsExactly("1:20", "2:20", "3:20");
        assertThat(server.applicationBytes()).isZero();
    }

    @Test
    void backoffGrowsWhileTheServerIsDown() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        RecordingListener events = new RecordingListener();
        EndpointConfig config = EndpointConfig.builder()
                .server("127.0.0.1", closedPort)
                .validator(validator)
                .retryPolicy(RetryPolicy.exponential(Duration.ofMillis(5), Duration.ofMillis(40)))
                .build();
        try (Endpoint endpoint = new Endpoint(config, transport, events)) {
            endpoint.start();
            for (int i = 0; i < 4; i++) {
                HandshakeOutcome outcome = events.outcomes.poll(10, TimeUnit.SECONDS);
                assertThat(outcome.status()).isEqualTo(HandshakeOutcome.Status.FAILED);
                assertThat(outcome.error()).startsWith("cannot connect");
            }
            awaitCondition(() -> events.retries.size() >= 4, "four retries");
        }
        assertThat(events.retries.subList(0, 4))
                .extracting(r -> r.split(":")[0])
                .containsExactly("1", "2", "3", "4");
    }

    @Test
    void aGoodConnectionResetsTheBackoff() throws Exception {
        ScenarioTlsServer server = server(good, ScenarioTlsServer.pushSettingsThenHangUp(Map.of()));
        RecordingListener events = new RecordingListener();
        EndpointConfig config = config(server)
                .retryPolicy(RetryPolicy.exponential(Duration.ofMillis(5), Duration.ofSeconds(1)))
                .build();
        try (Endpoint endpoint = new Endpoint(config, transport, events)) {
            endpoint.start();
            for (int i = 0; i < 3; i++) {
                assertThat(events.disconnects.poll(10, TimeUnit.SECONDS)).startsWith("server said goodbye");
            }
            awaitCondition(() -> events.retries.size() >= 3, "three retries");
        }
        // every connection was good, so every retry starts again at the first delay
        assertThat(events.retries.subList(0, 3))
                .extracting(r -> r.split(":")[0])
                .containsOnly("1");
    }

    @ParameterizedTest(name = "strict after a resumable session, {0}")
    @EnumSource(TlsEngine.class)
    void turningStrictOnAppliesToTheNextConnectionEvenIfTheTlsSessionIsResumed(TlsEngine engine) throws Exception {
        // the server hands out a resumable session, then turns strict validation on and hangs up
        ScenarioTlsServer server = server(expired, ScenarioTlsServer.pushSettingsThenHangUp(STRICT_ON));
        RecordingListener events = new RecordingListener();
        EndpointConfig config = config(server)
                .engine(engine)
                .retryPolicy(RetryPolicy.fixed(Duration.ofMillis(10)))
                .build();
        try (Endpoint endpoint = new Endpoint(config, transport, events)) {
            endpoint.start();
            assertThat(events.outcomes.poll(10, TimeUnit.SECONDS).outcome()).contains(Outcome.accepted());
            HandshakeOutcome second = events.outcomes.poll(10, TimeUnit.SECONDS);
            assertThat(second.mode()).isEqualTo(ClientMode.STRICT);
            assertThat(second.outcome()).contains(Outcome.rejected(ReasonCode.EXPIRED));
        }
    }

    @Test
    void aServerLinkAnnouncesItsRoleExchangesMessagesAndCanReconnectAfterDisconnect() throws Exception {
        ScenarioTlsServer server = server(
                good,
                (ctx, hello) -> ctx.writeAndFlush(
                        new Message.PropertyUpdate(7, PropertyKey.USE_HTTPS_CERTIFICATE.key(), "true", "server-a")));
        BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
        EndpointListener listener = new EndpointListener() {
            @Override
            public void messageReceived(Message message) {
                messages.add(message);
            }
        };
        EndpointConfig config = config(server)
                .role(io.tlslab.protocol.wire.Role.AUTHORITY)
                .guid("server-b")
                .build();
        try (Endpoint link = new Endpoint(config, transport, listener)) {
            for (int round = 0; round < 2; round++) {
                assertThat(link.connectOnce().get(10, TimeUnit.SECONDS).accepted())
                        .isTrue();
                Message update = messages.poll(10, TimeUnit.SECONDS);
                assertThat(update)
                        .isEqualTo(new Message.PropertyUpdate(
                                7, PropertyKey.USE_HTTPS_CERTIFICATE.key(), "true", "server-a"));
                link.send(new Message.PropertyAck(7)).get(10, TimeUnit.SECONDS);
                awaitCondition(() -> server.received(Message.PropertyAck.class).size() > 0, "the ack");
                link.disconnect().get(10, TimeUnit.SECONDS);
                assertThat(link.isConnected()).isFalse();
            }
            assertThat(link.send(new Message.PropertyAck(8))).failsWithin(Duration.ofSeconds(10));
        }
        assertThat(server.received(Message.Hello.class))
                .extracting(Message.Hello::role)
                .containsOnly(io.tlslab.protocol.wire.Role.AUTHORITY)
                .hasSize(2);
        // audit reports are an endpoint's business, not a server link's
        assertThat(server.received(Message.AuditReport.class)).isEmpty();
    }

    @Test
    void aHundredEndpointsShareOneEventLoop() throws Exception {
        ScenarioTlsServer server = server(good, ScenarioTlsServer.pushSettings(Map.of()));
        CertificateValidator shared = validator;
        List<Endpoint> fleet = new ArrayList<>();
        try (EndpointTransport oneLoop = EndpointTransport.create(1)) {
            List<CompletableFuture<HandshakeOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                Endpoint e = new Endpoint(
                        config(server).validator(shared).guid("fleet-" + i).build(), oneLoop, EndpointListener.NONE);
                fleet.add(e);
                outcomes.add(e.connectOnce());
            }
            for (CompletableFuture<HandshakeOutcome> o : outcomes) {
                assertThat(o.get(30, TimeUnit.SECONDS).accepted()).isTrue();
            }
            awaitCondition(
                    () -> server.received(Message.Hello.class).stream()
                                    .filter(h -> h.guid().startsWith("fleet-"))
                                    .count()
                            == 100,
                    "a HELLO from each of the 100 endpoints");
            fleet.forEach(Endpoint::close);
        }
    }

    @ParameterizedTest(name = "TLS 1.2 over {0}")
    @EnumSource(TlsEngine.class)
    void tls12GivesTheSameVerdicts(TlsEngine engine) throws Exception {
        // MD5: the JDK must leave the decision to tlslab (WEAK_ALGORITHM), not fail the handshake itself
        for (MintedScenario scenario : List.of(good, expired, md5)) {
            ScenarioTlsServer server = server(scenario, ScenarioTlsServer.pushSettings(Map.of()));
            EndpointConfig config = config(server)
                    .engine(engine)
                    .tls(TlsOptions.defaults().withProtocols(List.of("TLSv1.2")))
                    .settingsStore(new InMemorySettingsStore(
                            "tls12", EndpointSettings.defaults().withStrictValidation(true)))
                    .build();
            try (Endpoint endpoint = new Endpoint(config, transport, EndpointListener.NONE)) {
                HandshakeOutcome outcome = endpoint.connectOnce().get(10, TimeUnit.SECONDS);
                assertThat(outcome.outcome()).contains(scenario.expected(ClientMode.STRICT));
                assertThat(outcome.protocol()).isEqualTo("TLSv1.2");
            }
        }
    }

    @Test
    void pinnedX25519KeyExchangeConnects() throws Exception {
        ScenarioTlsServer server = server(good, ScenarioTlsServer.pushSettings(Map.of()));
        EndpointConfig config = config(server)
                .engine(TlsEngine.OPENSSL)
                .keyExchangeGroups("X25519")
                .build();
        try (Endpoint endpoint = new Endpoint(config, transport, EndpointListener.NONE)) {
            HandshakeOutcome outcome = endpoint.connectOnce().get(10, TimeUnit.SECONDS);
            assertThat(outcome.accepted()).isTrue();
            assertThat(outcome.protocol()).isEqualTo("TLSv1.3");
        }
    }

    private String disconnectReason(EndpointConfig config) throws Exception {
        RecordingListener events = new RecordingListener();
        try (Endpoint endpoint = new Endpoint(config, transport, events)) {
            assertThat(endpoint.connectOnce().get(10, TimeUnit.SECONDS).accepted())
                    .isTrue();
            String reason = events.disconnects.poll(10, TimeUnit.SECONDS);
            assertThat(reason).as("disconnect").isNotNull();
            return reason;
        }
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition, String what) {
        await(what)
                .atMost(10, TimeUnit.SECONDS)
                .pollInterval(5, TimeUnit.MILLISECONDS)
                .until(condition::getAsBoolean);
    }

    /** Collects events from the endpoint's loop for the test thread. */
    private static final class RecordingListener implements EndpointListener {
        final BlockingQueue<HandshakeOutcome> outcomes = new LinkedBlockingQueue<>();
        final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();
        final List<String> retries = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void handshakeCompleted(HandshakeOutcome outcome) {
            outcomes.add(outcome);
        }

        @Override
        public void disconnected(String reason) {
            disconnects.add(reason);
        }

        @Override
        public void retryScheduled(int attempt, Duration delay) {
            retries.add(attempt + ":" + delay.toMillis());
        }
    }
}
