package io.tlslab.fleet.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.scenario.Scenario;
import io.tlslab.ca.scenario.ScenarioMinter;
import io.tlslab.fleet.report.ProgressLine;
import io.tlslab.fleet.server.InProcessAuthority;
import io.tlslab.fleet.stats.CpuUse;
import io.tlslab.fleet.stats.CpuWindow;
import io.tlslab.fleet.stats.IntervalSample;
import io.tlslab.fleet.stats.LoadSummary;
import io.tlslab.fleet.target.NettyTlsServer;
import io.tlslab.tls.KeyExchangeGroup;
import io.tlslab.tls.ObservedClientContext;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.TlsOptions;
import io.tlslab.tls.retry.RetryPolicy;
import io.tlslab.tls.validation.ValidationPolicy;
import io.tlslab.tls.validation.VerdictListener;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Short, bounded load runs against a bare TLS server on loopback; checks that the numbers add up. */
class LoadDriverTest {

    private static final ScenarioMinter MINTER = new ScenarioMinter();
    private static MintedScenario valid;
    private static MintedScenario selfSigned;
    private static final ProgressLine QUIET = new ProgressLine(new PrintStream(OutputStream.nullOutputStream()), false);

    @BeforeAll
    static void mint() {
        KeyExchangeGroup.X25519.pinJdk();
        valid = MINTER.mint(Scenario.VALID_EC_P256, "localhost");
        selfSigned = MINTER.mint(Scenario.SELF_SIGNED, "localhost");
    }

    private static LoadPlan shortPlan() {
        return LoadPlan.defaults()
                .withEndpoints(8)
                .withRamp(Duration.ofMillis(200))
                .withDuration(Duration.ofMillis(1200))
                .withMaxHandshakes(100_000)
                .withThreads(1)
                .withSampleInterval(Duration.ofMillis(200))
                .withBackoff(RetryPolicy.exponential(Duration.ofMillis(10), Duration.ofMillis(50)));
    }

    /** Bounded by the attempt budget only (the time bound is far away), so counts are exact. */
    private static LoadPlan budgetPlan(long attempts) {
        return shortPlan()
                .withRamp(Duration.ZERO)
                .withDuration(Duration.ofMinutes(5))
                .withMaxHandshakes(attempts);
    }

    private static LoadSummary run(MintedScenario served, MintedScenario trusted, TlsEngine engine, LoadPlan plan)
            throws Exception {
        try (NettyTlsServer server = NettyTlsServer.start(
                served.leaf().privateKey(), served.servedChain(), TlsEngine.OPENSSL, KeyExchangeGroup.X25519, 0, 1)) {
            TlsOptions options = TlsOptions.defaults()
                    .withProtocols(List.of("TLSv1.3"))
                    .withGroup(KeyExchangeGroup.X25519)
                    .withSessionCache(new TlsOptions.SessionCache(64, plan.resumption()));
            ObservedClientContext tls = EndpointTrust.validating(
                    engine, options, trusted.trustAnchors(), ValidationPolicy::strict, VerdictListener.NONE);
            return new LoadDriver(plan, new LoadTarget(server.address(), served.dialHost()), tls)
                    .run("test", Map.of(), List.of(), QUIET);
        }
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void everyAttemptIsAccountedForAndTheSeriesAddsUp(TlsEngine engine) throws Exception {
        LoadSummary s = run(valid, valid, engine, shortPlan());

        assertThat(s.counts().succeeded()).isPositive();
        assertThat(s.counts().failed()).isZero();
        assertThat(s.counts().inFlight()).isZero();
        assertThat(s.counts().started())
                .isEqualTo(s.counts().succeeded() + s.counts().failed());
        assertThat(s.counts().balanced()).isTrue();
        assertThat(s.counts().resumedHandshakes()).isZero(); // resumption off: full handshakes only
        assertThat(s.counts().connectionsPeak()).isBetween(1, 8);
        assertThat(s.counts().connectionsOpenAtEnd()).isZero();
        assertThat(s.series().stream().mapToLong(IntervalSample::handshakes).sum())
                .isEqualTo(s.counts().succeeded());
        assertThat(s.series()).anyMatch(i -> !i.measuring()).anyMatch(IntervalSample::measuring);
        assertThat(s.measured().fullHandshakes())
                .isPositive()
                .isLessThanOrEqualTo(s.counts().fullHandshakes());
        assertThat(s.fullLatency().count()).isEqualTo(s.measured().fullHandshakes());
        assertThat(s.fullLatency().p50Millis())
                .isLessThanOrEqualTo(s.fullLatency().p99Millis());
        assertThat(s.fullLatency().p99Millis())
                .isLessThanOrEqualTo(s.fullLatency().maxMillis());
    }

    @Test
    void theAttemptBudgetBoundsTheRun() throws Exception {
        LoadSummary s = run(valid, valid, TlsEngine.OPENSSL, budgetPlan(60));
        assertThat(s.counts().started()).isEqualTo(60);
        assertThat(s.counts().succeeded()).isEqualTo(60);
        assertThat(s.timing().totalSeconds()).isLessThan(300);
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void rejectionsAreNamedByReasonCodeAndRetried(TlsEngine engine) throws Exception {
        LoadSummary s = run(selfSigned, valid, engine, budgetPlan(40));
        assertThat(s.counts().succeeded()).isZero();
        assertThat(s.counts().failed()).isEqualTo(40);
        assertThat(s.failuresByReason()).containsOnlyKeys("SELF_SIGNED");
        assertThat(s.counts().retries()).isEqualTo(40 - 8); // every attempt after an endpoint's first is a retry
    }

    /**
     * JDK client only: Netty's BoringSSL client does not resume TLS 1.3 sessions in this setup
     * (netty/netty#16173), which the report then shows as zero resumed handshakes.
     */
    @Test
    void resumptionIsDetectedAndReportedSeparately() throws Exception {
        LoadSummary s = run(valid, valid, TlsEngine.JDK, budgetPlan(80).withResumption(true));
        assertThat(s.counts().succeeded()).isEqualTo(80);
        assertThat(s.counts().resumedHandshakes()).isPositive();
        // each endpoint's first handshake is necessarily full
        assertThat(s.counts().fullHandshakes()).isGreaterThanOrEqualTo(8);
        assertThat(s.resumedLatency().count()).isEqualTo(s.measured().resumedHandshakes());
    }

    private static final TlsOptions OPTIONS = TlsOptions.defaults()
            .withProtocols(List.of("TLSv1.3"))
            .withGroup(KeyExchangeGroup.X25519)
            .withSessionCache(new TlsOptions.SessionCache(64, false));

    @Test
    void validationOffAcceptsTheCertificateStrictValidationRejects() throws Exception {
        LoadPlan plan = budgetPlan(24);
        try (NettyTlsServer server = NettyTlsServer.start(
                selfSigned.leaf().privateKey(),
                selfSigned.servedChain(),
                TlsEngine.OPENSSL,
                KeyExchangeGroup.X25519,
                0,
                1)) {
            LoadTarget target = new LoadTarget(server.address(), selfSigned.dialHost());
            LoadSummary strict = strictDriver(plan, target).run("strict", Map.of(), List.of(), QUIET);
            LoadSummary off = new LoadDriver(
                            plan,
                            target,
                            ValidationMode.OFF.clientContext(TlsEngine.OPENSSL, OPTIONS, valid.trustAnchors()))
                    .run("off", Map.of(), List.of(), QUIET);
            assertThat(strict.counts().succeeded()).isZero();
            assertThat(strict.failuresByReason()).containsOnlyKeys("SELF_SIGNED");
            assertThat(off.counts().succeeded()).isEqualTo(24);
        }
        assertThat(ValidationMode.OFF.titleSuffix()).contains("VALIDATION OFF");
        assertThat(ValidationMode.OFF.description()).startsWith("OFF");
        assertThat(ValidationMode.STRICT.titleSuffix()).isEmpty();
    }

    /** This process stands in for the server: both figures are its CPU time over the same handshakes. */
    @Test
    void cpuTimePerHandshakeIsReportedForTheClientAndTheServerProcesses() throws Exception {
        LoadPlan plan = budgetPlan(60);
        try (NettyTlsServer server = NettyTlsServer.start(
                valid.leaf().privateKey(), valid.servedChain(), TlsEngine.OPENSSL, KeyExchangeGroup.X25519, 0, 1)) {
            LoadDriver driver = new LoadDriver(
                    plan,
                    new LoadTarget(server.address(), valid.dialHost()),
                    ValidationMode.STRICT.clientContext(TlsEngine.OPENSSL, OPTIONS, valid.trustAnchors()));
            driver.recorder()
                    .watchCpu(new CpuWindow(List.of(ProcessHandle.current().pid()), "fleet", "none"));
            LoadSummary s = driver.run("cpu", Map.of(), List.of(), QUIET);

            CpuUse cpu = s.cpu();
            assertThat(cpu.handshakes())
                    .isEqualTo(s.measured().fullHandshakes())
                    .isPositive();
            assertThat(cpu.clientCpuSeconds()).isPositive();
            assertThat(cpu.clientMicrosPerHandshake())
                    .isCloseTo(cpu.clientCpuSeconds() * 1e6 / cpu.handshakes(), within(1e-6));
            assertThat(cpu.serverMeasured()).isTrue();
            assertThat(cpu.server())
                    .isEqualTo("processes " + ProcessHandle.current().pid());
            assertThat(cpu.serverCpuSeconds()).isPositive();
        }
        assertThatThrownBy(() -> new CpuWindow(List.of(Long.MAX_VALUE), "fleet", "none"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no process with id");
        assertThat(CpuUse.of(0, 1, "c", -1, "not measured").serverMeasured()).isFalse();
    }

    /** Held endpoints say HELLO and answer the server's keep-alives, so the server keeps them. */
    @Test
    void heldEndpointsStayConnectedToTheAuthorityServerAndAnswerItsKeepAlives() throws Exception {
        LoadPlan plan = heldFor(Duration.ofSeconds(3));
        try (InProcessAuthority authority = InProcessAuthority.startThrowaway(
                TlsEngine.OPENSSL, 0, config -> config.pingInterval(Duration.ofMillis(100)))) {
            authority.serve(valid.leaf(), valid.servedChain());
            LoadTarget target = messagingOf(authority);
            LoadSummary s = strictDriver(plan, target).run("hold", Map.of(), List.of(), QUIET);

            assertThat(s.counts().succeeded())
                    .as("one handshake per endpoint: none was dropped")
                    .isEqualTo(8);
            assertThat(s.counts().failed()).isZero();
            assertThat(s.counts().keepAlivesAnswered()).isPositive();
        }
    }

    /**
     * Two load runs held against one server at once (two machines, two swarm replicas): each endpoint
     * says HELLO with its own GUID, so neither run replaces the other's sessions and all 16 stay in session.
     */
    @Test
    void twoRunsHeldAgainstOneServerKeepAllTheirEndpoints() throws Exception {
        LoadPlan plan = heldFor(Duration.ofSeconds(6));
        try (InProcessAuthority authority = InProcessAuthority.startThrowaway(TlsEngine.OPENSSL)) {
            authority.serve(valid.leaf(), valid.servedChain());
            LoadTarget target = messagingOf(authority);
            LoadDriver first = strictDriver(plan, target);
            LoadDriver second = strictDriver(plan, target);
            assertThat(first.guid(0)).isNotEqualTo(second.guid(0)).matches(io.tlslab.protocol.wire.Guid::isValid);
            java.util.concurrent.ExecutorService both = java.util.concurrent.Executors.newFixedThreadPool(2);
            LoadSummary one;
            LoadSummary two;
            try {
                var a = both.submit(() -> first.run("first", Map.of(), List.of(), QUIET));
                var b = both.submit(() -> second.run("second", Map.of(), List.of(), QUIET));
                one = a.get(60, java.util.concurrent.TimeUnit.SECONDS);
                two = b.get(60, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                both.shutdownNow();
            }

            for (LoadSummary s : List.of(one, two)) {
                assertThat(s.counts().succeeded())
                        .as("one handshake per endpoint: no session was replaced by the other run")
                        .isEqualTo(8);
                assertThat(s.counts().failed()).isZero();
            }
        }
    }

    /**
     * A restart the fleet did not cause (someone else restarted the target) is still measured: the drop
     * watcher records it with the time until every held endpoint was back. 15 s of run, the restart once
     * all are connected: generous, so a loaded machine cannot fail it.
     */
    @Test
    void aDropCausedOutsideTheRunIsRecordedWithTheTimeUntilAllAreBack() throws Exception {
        LoadPlan plan = heldFor(Duration.ofSeconds(15));
        try (InProcessAuthority authority = InProcessAuthority.startThrowaway(TlsEngine.OPENSSL)) {
            authority.serve(valid.leaf(), valid.servedChain());
            LoadTarget target = messagingOf(authority);
            // the restart comes once all 8 are in session (on a loaded machine the first handshakes can
            // take longer than any fixed delay), so each endpoint has one handshake before it and one after
            Thread restarter = new Thread(() -> {
                org.awaitility.Awaitility.await()
                        .atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> authority.server().connectedEndpoints() == 8);
                authority.restart();
            });
            restarter.start();
            LoadSummary s = strictDriver(plan, target).watchDrops().run("external restart", Map.of(), List.of(), QUIET);
            restarter.join();

            assertThat(s.events()).isNotEmpty();
            assertThat(s.events().get(0).name()).isEqualTo("connections dropped by the target");
            assertThat(s.events().get(0).allConnectedAfterSeconds())
                    .as("all 8 endpoints were connected again before the run ended")
                    .isPositive();
            assertThat(s.counts().succeeded())
                    .as("8 handshakes before the restart, 8 again after it")
                    .isGreaterThanOrEqualTo(16);
        }
    }

    @Test
    void heldConnectionsComeFromAddressesSpreadOver127Slash8() {
        assertThat(SimulatedEndpoint.sourceAddress(0).getHostAddress()).isEqualTo("127.1.0.1");
        assertThat(SimulatedEndpoint.sourceAddress(249).getHostAddress()).isEqualTo("127.1.0.250");
        assertThat(SimulatedEndpoint.sourceAddress(250).getHostAddress()).isEqualTo("127.1.1.1");
        assertThat(SimulatedEndpoint.sourceAddress(62_500).getHostAddress()).isEqualTo("127.2.0.1");
        assertThat(SimulatedEndpoint.sourceAddress(14_999).isLoopbackAddress()).isTrue();
    }

    @Test
    void targetsOutsideLoopbackAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new LoadTarget(new java.net.InetSocketAddress("192.0.2.1", 443), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a loopback address");
    }

    /** Every endpoint connects at once and holds its connection for {@code duration}. */
    private static LoadPlan heldFor(Duration duration) {
        return shortPlan().withRamp(Duration.ZERO).withDuration(duration).withHoldConnections(true);
    }

    /** The endpoint messaging port of an in-process authority server, dialled as the valid scenario's host. */
    private static LoadTarget messagingOf(InProcessAuthority authority) {
        return new LoadTarget(
                new java.net.InetSocketAddress("127.0.0.1", authority.server().messagingPort()), valid.dialHost());
    }

    /** A load run that validates strictly, trusting the valid scenario's roots. */
    private static LoadDriver strictDriver(LoadPlan plan, LoadTarget target) throws javax.net.ssl.SSLException {
        return new LoadDriver(
                plan, target, ValidationMode.STRICT.clientContext(TlsEngine.OPENSSL, OPTIONS, valid.trustAnchors()));
    }
}
