package io.tlslab.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.scenario.Scenario;
import io.tlslab.ca.scenario.ScenarioMinter;
import io.tlslab.fleet.load.LoadDriver;
import io.tlslab.fleet.load.LoadPlan;
import io.tlslab.fleet.load.LoadTarget;
import io.tlslab.fleet.load.ValidationMode;
import io.tlslab.fleet.report.ProgressLine;
import io.tlslab.fleet.server.InProcessAuthority;
import io.tlslab.fleet.stats.LoadSummary;
import io.tlslab.fleet.stats.RunEvent;
import io.tlslab.server.cli.ConsoleClient;
import io.tlslab.tls.KeyExchangeGroup;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.TlsOptions;
import io.tlslab.tls.retry.RetryPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's reliability suite: a fleet of 1,000 endpoints (in-process, each from its own 127.1.x.y
 * address, holding its connection and answering keep-alives) loses its server to a restart while an
 * attacker on 127.0.0.2 opens 500 connections that never send a byte (stalled handshakes). Every
 * endpoint must be connected again before the run ends, and the console must answer the admin
 * during the attack. Bounded: 1,000 endpoints, 100,000 attempts, 65 s of run, 500 attacker sockets.
 */
class FleetReconnectUnderAttackIT {
    private static final int ENDPOINTS = 1000;
    private static final int STALLED = 500;
    private static final String PASSWORD = "reliability-admin-password";
    private static final TlsOptions OPTIONS = TlsOptions.defaults()
            .withProtocols(List.of("TLSv1.3"))
            .withGroup(KeyExchangeGroup.X25519)
            .withSessionCache(new TlsOptions.SessionCache(64, false));

    @Test
    void a_thousand_endpoints_reconnect_after_a_restart_while_an_attacker_stalls_connections() throws Exception {
        MintedScenario valid = new ScenarioMinter().mint(Scenario.VALID_EC_P256, "localhost");
        LoadPlan plan = LoadPlan.defaults()
                .withEndpoints(ENDPOINTS)
                .withRamp(Duration.ofSeconds(5))
                .withDuration(Duration.ofSeconds(60))
                .withMaxHandshakes(100_000)
                .withThreads(2)
                .withHoldConnections(true)
                .withBackoff(RetryPolicy.exponential(Duration.ofMillis(200), Duration.ofSeconds(3)));
        AtomicInteger consoleStatus = new AtomicInteger();
        AtomicInteger attackerConnected = new AtomicInteger();
        try (InProcessAuthority authority = InProcessAuthority.startThrowaway(
                        TlsEngine.OPENSSL,
                        0,
                        config -> config
                                // a patient attacker: its stalled handshakes are not timed out during the run
                                .handshakeTimeout(Duration.ofSeconds(60))
                                .initialAdminPassword(PASSWORD.toCharArray()));
                StalledSockets attacker = new StalledSockets(InetAddress.getByName("127.0.0.2"))) {
            authority.serve(valid.leaf(), valid.servedChain());
            LoadTarget target = new LoadTarget(
                    new InetSocketAddress("127.0.0.1", authority.server().messagingPort()), valid.dialHost());
            LoadSummary s = new LoadDriver(
                            plan,
                            target,
                            ValidationMode.STRICT.clientContext(TlsEngine.OPENSSL, OPTIONS, valid.trustAnchors()))
                    .at(Duration.ofSeconds(15), "restart under attack", () -> {
                        authority.restart();
                        int port = authority.server().messagingPort();
                        attackerConnected.set(attacker.open(port, STALLED));
                        consoleStatus.set(consoleAnswer(authority.server().consolePort()));
                    })
                    .run(
                            "reconnect under attack",
                            Map.of(),
                            List.of(),
                            new ProgressLine(new PrintStream(OutputStream.nullOutputStream()), false));

            RunEvent restart = s.events().get(0);
            System.out.printf(
                    "reliability: %d endpoints, restart at %.1f s, all connected again after %.1f s;"
                            + " attacker connected %d of %d stalled sockets; console answered %d;"
                            + " handshakes %d succeeded, %d failed%n",
                    ENDPOINTS,
                    restart.atSeconds(),
                    restart.allConnectedAfterSeconds(),
                    attackerConnected.get(),
                    STALLED,
                    consoleStatus.get(),
                    s.counts().succeeded(),
                    s.counts().failed());
            assertThat(restart.name()).isEqualTo("restart under attack");
            assertThat(attackerConnected.get()).as("the attack really ran").isPositive();
            assertThat(restart.allConnectedAfterSeconds())
                    .as("every endpoint connected again before the run ended (-1: not all)")
                    .isPositive();
            assertThat(s.counts().succeeded())
                    .as("each endpoint once before the restart and once after it")
                    .isGreaterThanOrEqualTo(2L * ENDPOINTS);
            assertThat(consoleStatus.get())
                    .as("the console answered during the attack")
                    .isEqualTo(200);
        }
    }

    /** Signs in and reads the session: the console's answer while the attacker holds its sockets. */
    private static int consoleAnswer(int port) {
        try {
            ConsoleClient c =
                    new ConsoleClient(URI.create("https://127.0.0.1:" + port), null, true, Duration.ofSeconds(20));
            if (c.login("admin", PASSWORD).status() != 200) {
                return -1;
            }
            return c.get("/api/session").status();
        } catch (IOException e) {
            return -2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -3;
        }
    }

    /** TCP connections from one address that never start their TLS handshake. */
    private static final class StalledSockets implements AutoCloseable {
        private final InetAddress from;
        private final List<Socket> open = new ArrayList<>();

        StalledSockets(InetAddress from) {
            this.from = from;
        }

        /** Opens up to {@code n} (each bounded by a 2 s connect timeout); returns how many connected. */
        int open(int port, int n) {
            int connected = 0;
            for (int i = 0; i < n; i++) {
                Socket s = new Socket();
                try {
                    s.bind(new InetSocketAddress(from, 0));
                    s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                    open.add(s);
                    connected++;
                } catch (IOException refused) {
                    closeQuietly(s);
                }
            }
            return connected;
        }

        @Override
        public void close() {
            open.forEach(StalledSockets::closeQuietly);
        }

        private static void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a socket the server may already have closed
            }
        }
    }
}
