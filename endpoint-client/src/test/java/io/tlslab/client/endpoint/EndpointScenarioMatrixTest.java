package io.tlslab.client.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.scenario.Scenario;
import io.tlslab.ca.scenario.ScenarioMinter;
import io.tlslab.client.settings.EndpointSettings;
import io.tlslab.client.settings.InMemorySettingsStore;
import io.tlslab.protocol.settings.FingerprintList;
import io.tlslab.protocol.settings.PropertyKey;
import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import io.tlslab.protocol.wire.Message;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.validation.CertificateValidator;
import io.tlslab.tls.validation.TrustAnchors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance matrix over the network: every cert-authority scenario x every client mode x both
 * TLS engines, a real endpoint against an in-process TLS server presenting the scenario. The verdict
 * and reason must equal the scenario's expectation; accepted endpoints must then introduce
 * themselves, and audit-only endpoints must report what strict validation would conclude.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointScenarioMatrixTest {

    private EndpointTransport transport;
    private final Map<Scenario, MintedScenario> minted = new EnumMap<>(Scenario.class);
    private final Map<Scenario, CertificateValidator> validators = new EnumMap<>(Scenario.class);
    private final Map<String, ScenarioTlsServer> servers = new HashMap<>();

    @BeforeAll
    void mintScenarios() {
        transport = EndpointTransport.create(2);
        for (MintedScenario m : new ScenarioMinter().mintAll("localhost")) {
            minted.put(m.scenario(), m);
            validators.put(m.scenario(), new CertificateValidator(TrustAnchors.of(m.trustAnchors())));
        }
    }

    @AfterAll
    void stopServers() {
        servers.values().forEach(ScenarioTlsServer::close);
        transport.close();
    }

    Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Scenario scenario : Scenario.values()) {
            for (ClientMode mode : ClientMode.values()) {
                for (TlsEngine engine : TlsEngine.values()) {
                    cases.add(Arguments.of(scenario, mode, engine));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} / {1} / {2}")
    @MethodSource("matrix")
    void verdictMatchesTheScenarioExpectation(Scenario scenario, ClientMode mode, TlsEngine engine) throws Exception {
        MintedScenario m = minted.get(scenario);
        ScenarioTlsServer server = server(m, engine);
        long bytesBefore = server.applicationBytes();

        String guid = scenario + "-" + mode + "-" + engine;
        try (Endpoint endpoint =
                new Endpoint(configFor(m, mode, engine, server.port(), guid), transport, EndpointListener.NONE)) {
            assertThat(endpoint.mode()).isEqualTo(mode);
            HandshakeOutcome outcome = endpoint.connectOnce().get(15, TimeUnit.SECONDS);

            Outcome expected = m.expected(mode);
            assertThat(outcome.status())
                    .as("attempt failed: %s", outcome.error())
                    .isNotEqualTo(HandshakeOutcome.Status.FAILED);
            assertThat(outcome.outcome()).contains(expected);
            assertThat(outcome.servedChain()).containsExactlyElementsOf(m.servedChain());

            if (expected.isAccepted()) {
                Message.Hello hello = awaitHello(server, guid);
                assertThat(hello.version().supportsStrictValidation()).isEqualTo(mode != ClientMode.LEGACY_5X);
                if (mode == ClientMode.NON_STRICT || mode == ClientMode.LEGACY_5X) {
                    assertAuditMatchesStrictExpectation(server, m, outcome);
                }
            } else {
                // nothing at all went out before the refusal: no HELLO, no GUID
                assertThat(server.applicationBytes()).isEqualTo(bytesBefore);
                assertThat(server.received(Message.Hello.class))
                        .noneMatch(h -> h.guid().equals(guid));
            }
        }
    }

    private void assertAuditMatchesStrictExpectation(
            ScenarioTlsServer server, MintedScenario m, HandshakeOutcome outcome) throws InterruptedException {
        Message.AuditReport audit = awaitMessage(
                server, Message.AuditReport.class, a -> a.leafSha1().equals(m.leafSha1()));
        assertThat(audit.dialledHost()).isEqualTo(m.dialHost());
        Outcome strict = m.expected(ClientMode.STRICT);
        if (strict.isAccepted()) {
            assertThat(audit.failedChecks()).isEmpty();
        } else {
            ReasonCode primary = strict.reason().orElseThrow();
            assertThat(audit.failedChecks()).first().isEqualTo(primary);
        }
        assertThat(outcome.verdict().strictOutcome()).isEqualTo(strict);
    }

    private EndpointConfig configFor(MintedScenario m, ClientMode mode, TlsEngine engine, int port, String guid) {
        // the server told every endpoint strictValidation=true, except the non-strict column;
        // 5.x endpoints persist it but must ignore it
        EndpointSettings settings = new EndpointSettings(
                mode != ClientMode.NON_STRICT,
                mode == ClientMode.ALLOWLISTED ? m.allowlist() : FingerprintList.empty());
        return EndpointConfig.builder()
                .server("127.0.0.1", port)
                .dialHost(m.dialHost())
                .validator(validators.get(m.scenario()))
                .crls(m.crls())
                .engine(engine)
                .version(mode == ClientMode.LEGACY_5X ? "5.4" : "6.0")
                .settingsStore(new InMemorySettingsStore(guid, settings))
                .build();
    }

    private ScenarioTlsServer server(MintedScenario m, TlsEngine engine) throws Exception {
        String key = m.scenario() + "/" + engine;
        ScenarioTlsServer server = servers.get(key);
        if (server == null) {
            server = ScenarioTlsServer.start(
                    transport,
                    m,
                    engine,
                    ScenarioTlsServer.pushSettings(Map.of(PropertyKey.STRICT_VALIDATION.key(), "true")));
            servers.put(key, server);
        }
        return server;
    }

    private static Message.Hello awaitHello(ScenarioTlsServer server, String guid) throws InterruptedException {
        return awaitMessage(server, Message.Hello.class, h -> h.guid().equals(guid));
    }

    /** Waits (bounded: 10 s) for a message the endpoint sent after its handshake. */
    static <T extends Message> T awaitMessage(
            ScenarioTlsServer server, Class<T> type, java.util.function.Predicate<T> match)
            throws InterruptedException {
        try {
            return await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(2))
                    .until(() -> server.received(type).stream().filter(match).findFirst(), Optional::isPresent)
                    .get();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "server never received the expected " + type.getSimpleName() + "; got " + server.received());
        }
    }
}
