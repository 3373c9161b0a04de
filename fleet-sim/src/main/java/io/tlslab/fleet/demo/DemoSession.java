package io.tlslab.fleet.demo;

import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.scenario.Scenario;
import io.tlslab.ca.scenario.ScenarioMinter;
import io.tlslab.fleet.conformance.ConformanceReport;
import io.tlslab.fleet.conformance.ConformanceService;
import io.tlslab.fleet.conformance.ConformanceTable;
import io.tlslab.fleet.load.EndpointTrust;
import io.tlslab.fleet.load.LoadDriver;
import io.tlslab.fleet.load.LoadPlan;
import io.tlslab.fleet.load.LoadTarget;
import io.tlslab.fleet.report.LoadReportWriter;
import io.tlslab.fleet.report.ProgressLine;
import io.tlslab.fleet.rollout.RolloutReport;
import io.tlslab.fleet.rollout.RolloutWalkthrough;
import io.tlslab.fleet.server.InProcessAuthority;
import io.tlslab.fleet.server.ServerKind;
import io.tlslab.fleet.stats.LoadSummary;
import io.tlslab.server.AuthorityServer;
import io.tlslab.tls.KeyExchangeGroup;
import io.tlslab.tls.ObservedClientContext;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.TlsOptions;
import io.tlslab.tls.validation.ValidationPolicy;
import io.tlslab.tls.validation.VerdictListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * The demo use case ({@code tlslab-fleet demo}): an authority server on loopback with its embedded
 * store, a small fleet walked through the article's rollout, the conformance table, a handshake-rate
 * figure, and (when asked) the server left running for the console until the JVM is stopped.
 */
public final class DemoSession {
    /** New devices per minute the demo server accepts from one address: the demo fleet and then some. */
    private static final int DEMO_FLEET_REGISTRATIONS = 10_000;

    private static final String MARKER = ".tlslab-demo";

    private final PrintWriter out;

    /** @param out where the walk-through, the table and the figures are printed */
    public DemoSession(PrintWriter out) {
        this.out = out;
    }

    /**
     * What the demo was asked to do.
     *
     * @param dataDir           where the demo keeps its files ({@code server/} is recreated on every run)
     * @param consolePort       HTTPS console port (0: any free port)
     * @param messagingPort     endpoint messaging port
     * @param serverPort        server-to-server port
     * @param adminPassword     the console admin's password (empty: generated and printed)
     * @param endpoints         fleet size, at least 2: two thirds 6.0, one third 5.4
     * @param serverEngine      the server's TLS engine
     * @param tableScenarios    the conformance table's scenarios
     * @param rateDuration      how long the handshake-rate run measures
     * @param serveUntilStopped keep the server running for the console until the JVM stops
     */
    public record Plan(
            Path dataDir,
            int consolePort,
            int messagingPort,
            int serverPort,
            Optional<String> adminPassword,
            int endpoints,
            TlsEngine serverEngine,
            List<Scenario> tableScenarios,
            Duration rateDuration,
            boolean serveUntilStopped) {
        public Plan {
            tableScenarios = List.copyOf(tableScenarios);
            adminPassword = adminPassword.filter(p -> !p.isBlank());
            if (endpoints < 2) {
                throw new IllegalArgumentException(
                        "--endpoints must be at least 2 (one 6.0 and one 5.x), got " + endpoints);
            }
        }
    }

    /** @return whether the rollout went as the article says and every conformance cell matched */
    public boolean run(Plan plan) throws Exception {
        Path serverDir = plan.dataDir().resolve("server");
        cleanOwnDirectory(serverDir);
        String password = plan.adminPassword().orElse(null);
        AuthorityServer.Builder builder = AuthorityServer.builder()
                .bind("127.0.0.1")
                .consolePort(plan.consolePort())
                .messagingPort(plan.messagingPort())
                .serverPort(plan.serverPort())
                .engine(plan.serverEngine());
        // the whole demo fleet registers from 127.0.0.1 within a second: the per-address cap on new
        // devices (an attacker's limit) would refuse the fleet's last endpoints
        builder.config().maxRegistrationsPerAddressPerMinute(DEMO_FLEET_REGISTRATIONS);
        if (password != null && !password.isBlank()) {
            builder.adminPassword(password);
        }
        Files.createDirectories(serverDir);
        Files.writeString(
                serverDir.resolve(MARKER), "created by tlslab-fleet demo; deleted and recreated on every run\n");
        InProcessAuthority authority;
        try {
            authority = InProcessAuthority.start(builder, serverDir, false);
        } catch (Exception e) { // Netty's native bind failure arrives as an undeclared IOException
            if (isBindFailure(e)) {
                throw new IllegalStateException("a demo port is busy (console " + plan.consolePort() + ", messaging "
                        + plan.messagingPort()
                        + ", servers " + plan.serverPort()
                        + "): is another tlslab demo or server running? Stop it, or pass "
                        + "--console-port/--messaging-port/--server-port (0 = any free port)");
            }
            throw e;
        }
        RolloutWalkthrough walk = null;
        CountDownLatch stop = new CountDownLatch(1);
        try {
            AuthorityServer server = authority.server();
            String shownPassword = password != null && !password.isBlank()
                    ? password
                    : server.generatedAdminPassword().map(String::new).orElse("(set on an earlier run)");
            out.println("tlslab demo: authority server " + server.serverId() + " on 127.0.0.1, data in "
                    + serverDir.toAbsolutePath());
            out.println("  console   https://127.0.0.1:" + server.consolePort() + "/console   user admin   password "
                    + shownPassword);
            out.println("            (self-signed until the walk-through installs a CA-signed one; SHA-256 "
                    + server.consoleFingerprintSha256() + ")");
            out.println("  messaging 127.0.0.1:" + server.messagingPort() + " (endpoints), 127.0.0.1:"
                    + server.serverPort() + " (servers)");
            out.println();
            out.flush();

            // the article's rollout
            MintedScenario caSigned = new ScenarioMinter().mint(Scenario.VALID_EC_P256, "localhost");
            int legacy = Math.max(1, plan.endpoints() / 3);
            RolloutWalkthrough.Options options = RolloutWalkthrough.Options.small();
            options = new RolloutWalkthrough.Options(
                    plan.endpoints() - legacy, legacy, options.retry(), options.phaseTimeout());
            out.printf(
                    "The article's rollout with %d endpoints (%d x 6.0, %d x 5.4), retry %s:%n",
                    plan.endpoints(), plan.endpoints() - legacy, legacy, options.retry());
            out.flush();
            ProgressLine progress = ProgressLine.forTerminal(System.out);
            walk = new RolloutWalkthrough(
                    authority,
                    caSigned,
                    options,
                    line -> {
                        progress.finish();
                        out.println(line);
                        out.flush();
                    },
                    progress);
            RolloutReport rollout = walk.run();
            out.println(
                    rollout.asTheArticleSays()
                            ? "   => as the article says."
                            : "   => NOT as the article says: see above.");
            out.println();

            // conformance, on a separate throwaway server so the demo server keeps its certificate
            out.println(
                    "Conformance: every scenario x profile x client mode x engine, real endpoints against an authority"
                            + " server listener");
            out.flush();
            ConformanceReport conformance = new ConformanceService(out, System.console() != null)
                    .run(
                            ServerKind.AUTHORITY,
                            plan.serverEngine(),
                            "localhost",
                            ConformanceService.Matrix.all().withScenarios(plan.tableScenarios()));
            out.print(ConformanceTable.render(conformance, System.console() != null));
            ConformanceService.write(conformance, plan.dataDir().resolve("reports/conformance.json"));
            out.println();

            // a short handshake-rate figure against the demo server itself
            LoadSummary load = handshakeRate(authority.server(), caSigned, plan.rateDuration(), progress);
            LoadReportWriter.Files3 files =
                    LoadReportWriter.write(load, plan.dataDir().resolve("reports"), "demo-load");
            out.printf(
                    Locale.ROOT,
                    "Handshake rate: %,.0f full TLS handshakes/s with strict validation (p99 %.1f ms), 32 endpoints on this"
                            + " machine against 127.0.0.1:%d (%s server, OpenSSL client); report %s%n",
                    load.measured().fullPerSecond(),
                    load.fullLatency().p99Millis(),
                    authority.server().messagingPort(),
                    plan.serverEngine(),
                    files.html());
            out.println();
            boolean ok = rollout.asTheArticleSays() && conformance.passed();
            if (!plan.serveUntilStopped()) {
                return ok;
            }
            out.println("The server keeps running with the fleet connected: open https://127.0.0.1:"
                    + authority.server().consolePort() + "/console (user admin). Ctrl-C to stop.");
            out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "demo-stop"));
            stop.await();
            return ok;
        } finally {
            if (walk != null) {
                walk.close();
            }
            authority.close();
        }
    }

    private static LoadSummary handshakeRate(
            AuthorityServer server, MintedScenario caSigned, Duration duration, ProgressLine progress)
            throws Exception {
        TlsOptions options = TlsOptions.defaults()
                .withProtocols(List.of("TLSv1.3"))
                .withGroup(KeyExchangeGroup.X25519)
                .withSessionCache(new TlsOptions.SessionCache(TlsOptions.SessionCache.DEFAULT_SIZE, false));
        ObservedClientContext tls = EndpointTrust.validating(
                TlsEngine.OPENSSL, options, caSigned.trustAnchors(), ValidationPolicy::strict, VerdictListener.NONE);
        LoadPlan plan = LoadPlan.defaults()
                .withEndpoints(32)
                .withRamp(duration.compareTo(Duration.ofSeconds(2)) < 0 ? duration : Duration.ofSeconds(2))
                .withDuration(duration)
                .withMaxHandshakes(200_000);
        LoadTarget target = new LoadTarget(new InetSocketAddress("127.0.0.1", server.messagingPort()), "localhost");
        return new LoadDriver(plan, target, tls)
                .run(
                        "tlslab demo: handshake rate",
                        java.util.Map.of("server", "demo authority server"),
                        List.of(
                                "A few seconds on a shared machine: an indication, not a benchmark (see fleet-sim/bench)."),
                        progress);
    }

    /** Deletes the demo's server directory from an earlier run; refuses a directory it did not create. */
    private static void cleanOwnDirectory(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.exists(dir.resolve(MARKER))) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalStateException(
                            dir + " exists and was not created by the demo; pass another --data-dir");
                }
            }
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException
                    || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }
}
