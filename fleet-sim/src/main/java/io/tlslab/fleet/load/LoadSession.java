package io.tlslab.fleet.load;

import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.scenario.ScenarioMinter;
import io.tlslab.cli.HostPort;
import io.tlslab.fleet.docker.ContainerFleet;
import io.tlslab.fleet.docker.DockerEngine;
import io.tlslab.fleet.docker.FleetSplit;
import io.tlslab.fleet.docker.ReportMerger;
import io.tlslab.fleet.report.LoadReportWriter;
import io.tlslab.fleet.report.ProgressLine;
import io.tlslab.fleet.server.InProcessAuthority;
import io.tlslab.fleet.server.ServerKind;
import io.tlslab.fleet.stats.CpuWindow;
import io.tlslab.fleet.stats.LoadSummary;
import io.tlslab.fleet.swarm.SwarmFleet;
import io.tlslab.fleet.target.NettyTlsServer;
import io.tlslab.protocol.pem.Pem;
import io.tlslab.protocol.settings.Durations;
import io.tlslab.tls.KeyExchangeGroup;
import io.tlslab.tls.ObservedClientContext;
import io.tlslab.tls.TlsOptions;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code load} use case: mints the scenario, starts the server to load (or takes the running
 * one), runs the fleet here, in containers or as a Swarm service, and writes the reports.
 */
public final class LoadSession {
    private final PrintWriter out;
    private final ProgressLine progress;

    /**
     * @param out      where the session says what it is doing (and containers/replicas report progress)
     * @param progress the live progress line of an in-process run
     */
    public LoadSession(PrintWriter out, ProgressLine progress) {
        this.out = out;
        this.progress = progress;
    }

    /** The merged summary and the report files written from it. */
    public record Result(LoadSummary summary, LoadReportWriter.Files3 files) {}

    public Result run(LoadRequest request) throws Exception {
        LoadPlan plan = request.plan();
        ValidationMode mode = request.validation();
        request.group().pinJdk();
        MintedScenario minted = new ScenarioMinter().mint(request.scenario(), "localhost");
        List<X509Certificate> roots = request.trust().isEmpty()
                ? minted.trustAnchors()
                : Pem.readCertificates(request.trust().get());
        TlsOptions options = TlsOptions.defaults()
                .withProtocols(List.of("TLSv1.3"))
                .withGroup(request.group())
                .withSessionCache(new TlsOptions.SessionCache(
                        Math.max(TlsOptions.SessionCache.DEFAULT_SIZE, plan.endpoints()), plan.resumption()));
        ObservedClientContext tls = mode.clientContext(request.clientEngine(), options, roots);

        Map<String, String> setup = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        notes.add("One JVM runs every endpoint: the JDK caches parsed certificates, so this does not include the "
                + "per-endpoint chain-parsing cost a real device pays on each handshake.");
        setup.put("validation", mode.description());
        setup.put("key exchange group", request.group().toString());
        AutoCloseable started = null;
        InProcessAuthority restartable = null;
        boolean elsewhere = !(request.spread() instanceof LoadRequest.InProcess);
        // --docker/--swarm: find out that there is no engine, no swarm or no image before starting anything
        DockerEngine dockerEngine = elsewhere ? DockerEngine.connect() : null;
        try {
            if (request.spread() instanceof LoadRequest.Containers c) {
                dockerEngine.requireImage(c.image());
            } else if (request.spread() instanceof LoadRequest.Swarm s) {
                dockerEngine.requireImage(s.image());
                dockerEngine.requireSwarmManager();
            }
            LoadTarget loadTarget;
            if (request.server() instanceof LoadRequest.Started server) {
                InetSocketAddress address;
                if (server.kind() == ServerKind.NETTY) {
                    NettyTlsServer netty = NettyTlsServer.start(
                            minted.leaf().privateKey(),
                            minted.servedChain(),
                            server.engine(),
                            request.group(),
                            0,
                            server.threads().orElse(Runtime.getRuntime().availableProcessors()));
                    started = netty;
                    address = netty.address();
                    setup.put("server", "bare Netty TLS server started by this run, engine " + server.engine());
                } else {
                    InProcessAuthority authority = InProcessAuthority.startThrowaway(
                            server.engine(), 0, config -> {}, minted.leaf(), minted.servedChain());
                    started = authority;
                    restartable = authority;
                    address = new InetSocketAddress(
                            "127.0.0.1", authority.server().messagingPort());
                    setup.put("server", "in-process authority server, endpoint listener, engine " + server.engine());
                }
                loadTarget = new LoadTarget(address, server.dialHost().orElse(minted.dialHost()));
                setup.put("scenario", request.scenario().name());
                notes.add("Client and server share this machine's cores.");
            } else {
                LoadRequest.External external = (LoadRequest.External) request.server();
                loadTarget = external.target();
                setup.put("server", "external target " + external.text());
            }
            boolean external = request.server() instanceof LoadRequest.External;
            String title = "tlslab fleet load: " + plan.endpoints() + " endpoints, " + request.clientEngine()
                    + " client" + mode.titleSuffix();
            LoadDriver driver = new LoadDriver(plan, loadTarget, tls);
            driver.recorder()
                    .watchCpu(new CpuWindow(
                            request.serverPids(),
                            external
                                    ? "this process (the fleet), validation " + mode.label()
                                    : "this process: the fleet and the server it started (one JVM), validation "
                                            + mode.label(),
                            external ? "not measured (no --server-pid)" : "included in the client figure (same JVM)"));
            if (plan.holdConnections() && external) {
                // a storm caused outside this run (e.g. tlslab-fleet serve --restart-after) is measured too
                driver.watchDrops();
            }
            if (request.restartAt().isPresent()) {
                Duration restartAt = request.restartAt().get();
                InProcessAuthority server = restartable;
                driver.at(restartAt, "server restart", server::restart);
                setup.put(
                        "reconnect storm",
                        "server restart at " + Durations.format(restartAt) + ", retry jitter "
                                + (request.noJitter() ? "off" : "on"));
            }
            out.printf(
                    "Loading %s with %,d endpoints for %s after a %s ramp (at most %,d attempts)...%n",
                    loadTarget,
                    plan.endpoints(),
                    Durations.format(plan.duration()),
                    Durations.format(plan.ramp()),
                    plan.maxHandshakes());
            out.flush();
            String base = request.reports()
                    .name()
                    .orElse("load-" + request.scenario().name().toLowerCase(Locale.ROOT) + "-"
                            + request.clientEngine().name().toLowerCase(Locale.ROOT));
            LoadSummary summary;
            if (request.spread() instanceof LoadRequest.Containers c) {
                summary = runInContainers(dockerEngine, c, request, loadTarget, roots, title, setup, notes);
            } else if (request.spread() instanceof LoadRequest.Swarm s) {
                summary = runInSwarm(dockerEngine, s, request, loadTarget, roots, title, setup, notes, base);
            } else {
                summary = driver.run(title, setup, notes, progress);
            }
            return new Result(
                    summary, LoadReportWriter.write(summary, request.reports().directory(), base));
        } finally {
            if (started != null) {
                started.close();
            }
            if (dockerEngine != null) {
                dockerEngine.close();
            }
        }
    }

    /**
     * {@code --docker}: the same load, split across containers that each run {@code load --target} against
     * this run's target, then one report merged from theirs.
     */
    private LoadSummary runInContainers(
            DockerEngine engine,
            LoadRequest.Containers containers,
            LoadRequest request,
            LoadTarget loadTarget,
            List<X509Certificate> roots,
            String title,
            Map<String, String> setup,
            List<String> notes)
            throws InterruptedException {
        LoadPlan plan = request.plan();
        List<String> args = replicaArgs(request, loadTarget);
        Duration timeout =
                containers.timeout().orElse(plan.ramp().plus(plan.duration()).plusMinutes(2));
        List<FleetSplit> parts = FleetSplit.of(plan.endpoints(), plan.maxHandshakes(), containers.count());
        setup.put(
                "containers",
                containers.count() + " x " + containers.image() + " on the Docker engine at " + engine.host()
                        + ", host network");
        notes.add("Endpoints ran in " + containers.count() + " containers started together; latency percentiles are "
                + "merged exactly from the containers' histograms. Per-interval p50/p99/max are the highest of the "
                + "containers', and the connection peak is the sum of the containers' peaks (an upper bound).");
        try (ContainerFleet fleet = new ContainerFleet(engine, containers.image(), timeout, out)) {
            return ReportMerger.merge(title, setup, notes, fleet.run(args, parts, Pem.certificates(roots)));
        }
    }

    /**
     * {@code --swarm}: the same load as a replicated Swarm service; each replica runs its share with
     * {@code load --target}, hands its report back as its last log line; one report merged from theirs.
     */
    private LoadSummary runInSwarm(
            DockerEngine engine,
            LoadRequest.Swarm swarm,
            LoadRequest request,
            LoadTarget loadTarget,
            List<X509Certificate> roots,
            String title,
            Map<String, String> setup,
            List<String> notes,
            String base)
            throws InterruptedException {
        LoadPlan plan = request.plan();
        List<String> args = replicaArgs(request, loadTarget);
        args.addAll(List.of(
                "--endpoints",
                Integer.toString(plan.endpoints()),
                "--handshakes",
                Long.toString(plan.maxHandshakes())));
        Duration timeout =
                swarm.timeout().orElse(plan.ramp().plus(plan.duration()).plusMinutes(2));
        List<String> constraints = swarm.placement().constraints();
        setup.put(
                "swarm",
                swarm.replicas() + " replicas of " + swarm.image() + " on the swarm manager at " + engine.host()
                        + ", host network"
                        + (constraints.isEmpty() ? "" : ", constraints " + String.join(" ", constraints))
                        + swarm.limitCpus().map(c -> ", " + c + " CPUs each").orElse("")
                        + swarm.limitMemory().map(m -> ", " + m + " each").orElse(""));
        try (SwarmFleet fleet = new SwarmFleet(engine, swarm.placement(), timeout, out)) {
            List<LoadSummary> parts = fleet.run(swarm.image(), args, swarm.replicas(), Pem.certificates(roots));
            for (int i = 0; i < parts.size(); i++) {
                LoadReportWriter.write(parts.get(i), request.reports().directory(), base + "-replica-" + (i + 1));
            }
            notes.add("Endpoints ran in " + swarm.replicas()
                    + " replicas of a Swarm service; latency percentiles are merged exactly "
                    + "from the replicas' histograms. " + ReportMerger.clockNote(parts));
            return ReportMerger.merge(title, setup, notes, parts);
        }
    }

    /** The {@code load} options a container or replica needs to run this run's load against its target. */
    private static List<String> replicaArgs(LoadRequest request, LoadTarget loadTarget) {
        LoadPlan plan = request.plan();
        List<String> args = new ArrayList<>(List.of(
                "--target",
                hostPortText(loadTarget.address()),
                "--dial-host",
                loadTarget.dialHost(),
                "--engine",
                request.clientEngine().name(),
                "--group",
                groupOption(request.group()),
                "--scenario",
                request.scenario().name(),
                "--duration",
                plan.duration().toMillis() + "ms",
                "--ramp",
                plan.ramp().toMillis() + "ms"));
        args.addAll(List.of("--validate", request.validation().label()));
        if (plan.resumption()) {
            args.add("--resumption");
        }
        if (plan.holdConnections()) {
            args.add("--hold");
        }
        if (request.noJitter()) {
            args.add("--no-jitter");
        }
        request.threads().ifPresent(t -> args.addAll(List.of("--threads", Integer.toString(t))));
        return args;
    }

    /** The {@code --group} value that {@link KeyExchangeGroup#parse} reads back as {@code group}. */
    private static String groupOption(KeyExchangeGroup group) {
        return group.openSslName() == null ? "default" : group.openSslName();
    }

    static String hostPortText(InetSocketAddress address) {
        return new HostPort(address.getAddress().getHostAddress(), address.getPort()).toString();
    }
}
