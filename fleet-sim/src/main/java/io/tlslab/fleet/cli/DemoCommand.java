package io.tlslab.fleet.cli;

import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.scenario.Scenario;
import io.tlslab.ca.scenario.ScenarioMinter;
import io.tlslab.cli.UsageException;
import io.tlslab.fleet.conformance.AuthorityScenarioServer;
import io.tlslab.fleet.conformance.ConformanceReport;
import io.tlslab.fleet.conformance.ConformanceTable;
import io.tlslab.fleet.conformance.ScenarioServer;
import io.tlslab.fleet.load.EndpointTrust;
import io.tlslab.fleet.load.LoadDriver;
import io.tlslab.fleet.load.LoadPlan;
import io.tlslab.fleet.load.LoadTarget;
import io.tlslab.fleet.report.LoadReportWriter;
import io.tlslab.fleet.report.ProgressLine;
import io.tlslab.fleet.rollout.RolloutReport;
import io.tlslab.fleet.rollout.RolloutWalkthrough;
import io.tlslab.fleet.server.InProcessAuthority;
import io.tlslab.fleet.stats.LoadSummary;
import io.tlslab.protocol.validation.ClientMode;
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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tlslab-fleet demo}: the README quick start. An authority server on loopback with its embedded
 * store, a small fleet walked through the article's rollout, the conformance table, a handshake-rate
 * figure, and the server left running for the console until Ctrl-C.
 */
@Command(
        name = "demo",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "Starts an authority server on 127.0.0.1 (console 4285, messaging 4287/4288, embedded store in",
            "<data-dir>/server, recreated on every run), prints the console URL and admin credentials, walks a",
            "fleet of 6.0 and 5.x endpoints through the article's strict-validation rollout, prints the",
            "conformance table and a handshake rate, then keeps the server running until Ctrl-C.",
            "",
            "Examples:",
            "  tlslab-fleet demo",
            "  tlslab-fleet demo --console-port 14285 --messaging-port 14287 --server-port 14288",
            "  tlslab-fleet demo --no-wait           # exit when done (CI)",
            ""
        })
public final class DemoCommand implements Callable<Integer> {
    /** New devices per minute the demo server accepts from one address: the demo fleet and then some. */
    private static final int DEMO_FLEET_REGISTRATIONS = 10_000;

    private static final String MARKER = ".tlslab-demo";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--data-dir",
            defaultValue = "demo-data",
            description = "where the demo keeps its files (default ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(
            names = "--console-port",
            defaultValue = "4285",
            description = "HTTPS console port (default ${DEFAULT-VALUE}; 0 = any free port)")
    int consolePort;

    @Option(
            names = "--messaging-port",
            defaultValue = "4287",
            description = "endpoint messaging port (default ${DEFAULT-VALUE})")
    int messagingPort;

    @Option(
            names = "--server-port",
            defaultValue = "4288",
            description = "server-to-server port (default ${DEFAULT-VALUE})")
    int serverPort;

    @Option(
            names = "--admin-password",
            description = "the console admin's password (default: $TLSLAB_ADMIN_PASSWORD, else generated and printed)")
    String adminPassword;

    @Option(
            names = "--endpoints",
            defaultValue = "24",
            description = "fleet size; two thirds 6.0, one third 5.4 (default ${DEFAULT-VALUE})")
    int endpoints;

    @Option(
            names = "--engine",
            defaultValue = "OPENSSL",
            description = "server TLS engine: JDK or OPENSSL (default ${DEFAULT-VALUE})")
    String engine;

    @Option(
            names = "--conformance-scenarios",
            split = ",",
            description = "limit the conformance table to these scenarios (default: all)")
    List<String> conformanceScenarios;

    @Option(
            names = "--rate-duration",
            defaultValue = "5s",
            description = "how long the handshake-rate run measures (default ${DEFAULT-VALUE})")
    Duration rateDuration;

    @Option(
            names = "--no-wait",
            description = "exit when the walk-through is done instead of serving the console until Ctrl-C")
    boolean noWait;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        TlsEngine serverEngine = LoadCommand.parse(() -> TlsEngine.parse(engine));
        List<Scenario> tableScenarios = conformanceScenarios == null
                ? Arrays.asList(Scenario.values())
                : LoadCommand.parse(() -> conformanceScenarios.stream()
                        .map(ConformanceCommand::scenario)
                        .toList());
        if (endpoints < 2) {
            throw new UsageException("--endpoints must be at least 2 (one 6.0 and one 5.x), got " + endpoints);
        }
        Path serverDir = dataDir.resolve("server");
        cleanOwnDirectory(serverDir);
        String password = adminPassword != null ? adminPassword : System.getenv("TLSLAB_ADMIN_PASSWORD");
        AuthorityServer.Builder builder = AuthorityServer.builder()
                .bind("127.0.0.1")
                .consolePort(consolePort)
                .messagingPort(messagingPort)
                .serverPort(serverPort)
                .engine(serverEngine);
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
                throw new IllegalStateException("a demo port is busy (console " + consolePort + ", messaging "
                        + messagingPort
                        + ", servers " + serverPort + "): is another tlslab demo or server running? Stop it, or pass "
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
            int legacy = Math.max(1, endpoints / 3);
            RolloutWalkthrough.Options options = RolloutWalkthrough.Options.small();
            options =
                    new RolloutWalkthrough.Options(endpoints - legacy, legacy, options.retry(), options.phaseTimeout());
            out.printf(
                    "The article's rollout with %d endpoints (%d x 6.0, %d x 5.4), retry %s:%n",
                    endpoints, endpoints - legacy, legacy, options.retry());
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
            ConformanceReport conformance;
            try (ScenarioServer scenarios = new AuthorityScenarioServer(serverEngine)) {
                conformance = ConformanceCommand.run(
                        scenarios,
                        "localhost",
                        tableScenarios,
                        Arrays.asList(ClientMode.values()),
                        Arrays.asList(TlsEngine.values()),
                        Arrays.asList(io.tlslab.protocol.validation.ValidationProfile.values()),
                        out);
            }
            out.print(ConformanceTable.render(conformance, System.console() != null));
            ConformanceCommand.write(conformance, dataDir.resolve("reports/conformance.json"));
            out.println();

            // a short handshake-rate figure against the demo server itself
            LoadSummary load = handshakeRate(authority.server(), caSigned, rateDuration, progress);
            LoadReportWriter.Files3 files = LoadReportWriter.write(load, dataDir.resolve("reports"), "demo-load");
            out.printf(
                    Locale.ROOT,
                    "Handshake rate: %,.0f full TLS handshakes/s with strict validation (p99 %.1f ms), 32 endpoints on this"
                            + " machine against 127.0.0.1:%d (%s server, OpenSSL client); report %s%n",
                    load.measured().fullPerSecond(),
                    load.fullLatency().p99Millis(),
                    authority.server().messagingPort(),
                    serverEngine,
                    files.html());
            out.println();
            boolean ok = rollout.asTheArticleSays() && conformance.passed();
            if (noWait) {
                return ok ? 0 : 1;
            }
            out.println("The server keeps running with the fleet connected: open https://127.0.0.1:"
                    + authority.server().consolePort() + "/console (user admin). Ctrl-C to stop.");
            out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "demo-stop"));
            stop.await();
            return ok ? 0 : 1;
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
