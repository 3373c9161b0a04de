package io.tlslab.fleet.cli;

import io.tlslab.ca.scenario.Scenario;
import io.tlslab.cli.EnvironmentDefault;
import io.tlslab.cli.ExitCodes;
import io.tlslab.cli.HostPort;
import io.tlslab.cli.UsageException;
import io.tlslab.fleet.docker.FleetSplit;
import io.tlslab.fleet.load.LoadPlan;
import io.tlslab.fleet.load.LoadRequest;
import io.tlslab.fleet.load.LoadSession;
import io.tlslab.fleet.load.LoadTarget;
import io.tlslab.fleet.load.ValidationMode;
import io.tlslab.fleet.report.ProgressLine;
import io.tlslab.fleet.server.ServerKind;
import io.tlslab.fleet.stats.LoadSummary;
import io.tlslab.fleet.swarm.ReportLine;
import io.tlslab.fleet.swarm.SwarmPlacement;
import io.tlslab.tls.KeyExchangeGroup;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.cli.EngineOption;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tlslab-fleet load}: a bounded handshake load with a report. */
@Command(
        name = "load",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "Runs N simulated endpoints that connect, handshake with strict validation and hang up, over and over,",
            "and writes JSON, CSV and HTML reports. Without --target it starts its own TLS server on loopback",
            "presenting the scenario's certificate. Bounded by --duration (after --ramp) and --handshakes.",
            "",
            "Examples:",
            "  tlslab-fleet load --endpoints 200 --duration 30s",
            "  tlslab-fleet load --handshakes 20000 --engine JDK --scenario VALID_RSA_2048",
            "  tlslab-fleet load --target 127.0.0.1:4287 --dial-host localhost --trust root.pem --duration 1m",
            "  tlslab-fleet load --docker --containers 4 --endpoints 400 --duration 30s   # endpoints in 4 containers",
            "  tlslab-fleet load --swarm --replicas 8 --endpoints 8000 --duration 1m --constraint node.role==worker \\",
            "      --limit-cpus 1 --limit-memory 1g   # a Swarm service of 8 replicas on the manager of DOCKER_HOST",
            ""
        })
public final class LoadCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--endpoints", defaultValue = "100", description = "simulated endpoints (default ${DEFAULT-VALUE})")
    int endpoints;

    @Option(
            names = "--duration",
            defaultValue = "10s",
            description = "measured time after the ramp, e.g. 30s, 2m (default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(
            names = "--handshakes",
            defaultValue = "1000000",
            description = "at most this many attempts in total (default ${DEFAULT-VALUE})")
    long handshakes;

    @Option(
            names = "--ramp",
            defaultValue = "2s",
            description = "endpoints start spread over this time, excluded from the figures (default ${DEFAULT-VALUE})")
    Duration ramp;

    @Mixin
    EngineOption engine;

    @Option(
            names = "--server-engine",
            defaultValue = "OPENSSL",
            description = "TLS engine of the server this command starts: JDK or OPENSSL (default ${DEFAULT-VALUE})")
    String serverEngine;

    @Option(
            names = "--scenario",
            defaultValue = "VALID_EC_P256",
            description = "certificate scenario the started server presents (default ${DEFAULT-VALUE})")
    String scenario;

    @Option(
            names = "--group",
            defaultValue = "X25519",
            description =
                    "TLS 1.3 key-exchange group pinned on both sides: X25519, P-256 or default (default ${DEFAULT-VALUE})")
    String group;

    @Option(
            names = "--server",
            defaultValue = "authority",
            description = "server to start when there is no --target: authority (in-process authority server, endpoint "
                    + "listener) or netty (bare Netty TLS, the floor) (default ${DEFAULT-VALUE})")
    String serverKind;

    @Option(names = "--target", description = "host:port of a running server on loopback instead of starting one")
    String target;

    @Option(
            names = "--dial-host",
            description = "host name the endpoints dial and validate (default: the scenario's, or the target host)")
    String dialHost;

    @Option(names = "--trust", description = "PEM file of trusted roots for --target (default: the scenario's roots)")
    Path trust;

    @Option(
            names = "--validate",
            defaultValue = "strict",
            converter = ValidationMode.Converter.class,
            description =
                    "strict (tlslab's validator decides every handshake), audit (validator runs, never rejects) or "
                            + "off (no certificate check at all: only the TLS work, for measuring servers; such reports are "
                            + "labelled and must not be compared with validated ones) (default ${DEFAULT-VALUE})")
    ValidationMode validate;

    @Option(names = "--non-strict", description = "same as --validate audit")
    boolean nonStrict;

    @Option(
            names = "--server-pid",
            split = ",",
            paramLabel = "PID",
            description = "with --target: process id(s) of the server (e.g. nginx master and workers); their CPU time "
                    + "per handshake in the measurement window goes into the report next to this process's own")
    List<Long> serverPids = new ArrayList<>();

    @Option(names = "--resumption", description = "endpoints resume their own previous session (reported separately)")
    boolean resumption;

    @Option(names = "--hold", description = "keep connections open after the handshake; reconnect only when they drop")
    boolean hold;

    @Option(
            names = "--restart-at",
            description =
                    "reconnect storm: restart the started authority server this long after the start (implies --hold)")
    Duration restartAt;

    @Option(names = "--no-jitter", description = "retry after a failure without jitter (synchronised reconnects)")
    boolean noJitter;

    @Option(names = "--threads", description = "client event-loop threads (default: cores)")
    Integer threads;

    @Option(names = "--server-threads", description = "event-loop threads of the started server (default: cores)")
    Integer serverThreads;

    @Option(
            names = "--docker",
            description = "run the endpoints in --containers containers of --image on the Docker engine of DOCKER_HOST "
                    + "(host network: the target stays loopback) and merge their reports into one")
    boolean docker;

    @Option(
            names = "--containers",
            defaultValue = "2",
            description = "with --docker: containers to split the endpoints across (default ${DEFAULT-VALUE})")
    int containers;

    @Option(
            names = "--image",
            defaultValue = "tlslab/fleet:dev",
            description =
                    "with --docker/--swarm: fleet image (docker/build-images.sh builds it) (default ${DEFAULT-VALUE})")
    String image;

    @Option(
            names = "--container-timeout",
            description =
                    "with --docker/--swarm: the containers/service are removed if still running after this (default: ramp + duration + 2m)")
    Duration containerTimeout;

    @Option(
            names = "--swarm",
            description =
                    "run the endpoints as a Swarm service of --replicas replicas of --image on the swarm manager of "
                            + "DOCKER_HOST (host network: each replica's target is its node's loopback), each replica a share of "
                            + "--endpoints and --handshakes; their reports (one log line each) are merged into one, each also "
                            + "kept as <name>-replica-<n>")
    boolean swarm;

    @Option(
            names = "--replicas",
            defaultValue = "2",
            description = "with --swarm: replicas of the service (default ${DEFAULT-VALUE})")
    int replicas;

    @Option(
            names = "--constraint",
            description = "with --swarm: placement constraint, repeatable, e.g. node.role==worker, "
                    + "node.labels.fleet==true")
    List<String> constraints = new ArrayList<>();

    @Option(names = "--limit-cpus", description = "with --swarm: CPUs each replica may use, e.g. 0.5, 2")
    String limitCpus;

    @Option(names = "--limit-memory", description = "with --swarm: memory each replica may use, e.g. 512m, 2g")
    String limitMemory;

    @EnvironmentDefault("TLSLAB_FLEET_SHARE")
    @Option(
            names = "--share",
            description =
                    "run share I of K of --endpoints and --handshakes (I from 1), as replica I of K does; the shares "
                            + "add up exactly to the totals (default: $TLSLAB_FLEET_SHARE, which --swarm sets per replica)")
    String share;

    @Option(
            names = "--report-line",
            description = "print the JSON report as the last line of the output, prefixed "
                    + "TLSLAB-FLEET-REPORT (how --swarm replicas hand their report back through their log)")
    boolean reportLine;

    @Option(
            names = "--out",
            defaultValue = "fleet-reports",
            description = "report directory (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--name", description = "report file base name (default: load-<scenario>-<engine>)")
    String name;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        LoadSession.Result result = new LoadSession(stdout, ProgressLine.forTerminal(System.out)).run(request());
        LoadSummary summary = result.summary();
        stdout.println(LoadSummaryText.render(summary));
        stdout.println("Reports: " + result.files().html() + ", "
                + result.files().json() + ", " + result.files().csv());
        if (reportLine) {
            stdout.println(ReportLine.of(summary));
        }
        if (summary.counts().started() > 0 && summary.counts().succeeded() == 0) {
            stdout.println("every attempt failed: see the failure breakdown above");
            return ExitCodes.NEGATIVE;
        }
        return summary.counts().inFlight() == 0 ? ExitCodes.OK : ExitCodes.NEGATIVE;
    }

    /** The options as a typed, checked request: every bad value or combination is a usage error here. */
    LoadRequest request() {
        if (share != null) {
            FleetSplit mine = parse(() -> FleetSplit.share(share, endpoints, handshakes));
            endpoints = mine.endpoints();
            handshakes = mine.maxHandshakes();
        }
        TlsEngine clientEngine = engine.engine();
        TlsEngine serverTls = parse(() -> TlsEngine.parse(serverEngine));
        KeyExchangeGroup kx = parse(() -> KeyExchangeGroup.parse(group));
        Scenario sc = parse(() -> Scenario.parse(scenario));
        LoadPlan plan = parse(() -> {
            LoadPlan.Builder p = LoadPlan.defaults().toBuilder()
                    .endpoints(endpoints)
                    .duration(duration)
                    .maxHandshakes(handshakes)
                    .ramp(ramp)
                    .resumption(resumption)
                    .holdConnections(hold || restartAt != null);
            if (noJitter) {
                p.backoff(LoadPlan.defaults().backoff().withoutJitter());
            }
            if (restartAt != null) {
                p.sampleInterval(Duration.ofMillis(250)); // a storm lasts about a second: sample finer
            }
            if (threads != null) {
                p.threads(threads);
            }
            return p.build();
        });
        LoadRequest.Spread spread = spread();
        ValidationMode mode = nonStrict ? ValidationMode.AUDIT : validate;
        if (!serverPids.isEmpty() && target == null) {
            throw new UsageException("--server-pid goes with --target (a started server shares this process)");
        }
        LoadRequest.Server server;
        if (target == null) {
            ServerKind kind = parse(() -> ServerKind.parse(serverKind));
            if (restartAt != null && kind != ServerKind.AUTHORITY) {
                throw restartNeedsAuthority();
            }
            server = new LoadRequest.Started(
                    kind,
                    serverTls,
                    serverThreads == null ? OptionalInt.empty() : OptionalInt.of(serverThreads),
                    Optional.ofNullable(dialHost));
        } else {
            if (restartAt != null) {
                throw restartNeedsAuthority();
            }
            LoadTarget loadTarget =
                    parse(() -> new LoadTarget(hostPort(target), dialHost == null ? hostPart(target) : dialHost));
            server = new LoadRequest.External(loadTarget, target);
        }
        return new LoadRequest(
                plan,
                clientEngine,
                kx,
                sc,
                mode,
                Optional.ofNullable(trust),
                server,
                Optional.ofNullable(restartAt),
                serverPids,
                spread,
                threads == null ? OptionalInt.empty() : OptionalInt.of(threads),
                noJitter,
                new LoadRequest.Reports(out, Optional.ofNullable(name)));
    }

    /** {@code --docker}, {@code --swarm} or neither, with their own options checked. */
    private LoadRequest.Spread spread() {
        if (swarm) {
            if (docker) {
                throw new UsageException("--swarm and --docker are two ways to split a fleet: choose one");
            }
            if (restartAt != null) {
                throw new UsageException("--restart-at cannot be combined with --swarm");
            }
            if (replicas < 1 || replicas > MAX_CONTAINERS) {
                throw new UsageException("--replicas must be 1-" + MAX_CONTAINERS + ", got " + replicas);
            }
            parse(() -> FleetSplit.of(endpoints, handshakes, replicas));
            SwarmPlacement placement = parse(() -> new SwarmPlacement(
                    constraints,
                    limitCpus == null ? 0 : SwarmPlacement.cpus(limitCpus),
                    limitMemory == null ? 0 : SwarmPlacement.memory(limitMemory)));
            return new LoadRequest.Swarm(
                    replicas,
                    image,
                    placement,
                    Optional.ofNullable(limitCpus),
                    Optional.ofNullable(limitMemory),
                    Optional.ofNullable(containerTimeout));
        }
        if (!constraints.isEmpty() || limitCpus != null || limitMemory != null) {
            throw new UsageException("--constraint, --limit-cpus and --limit-memory go with --swarm");
        }
        if (docker) {
            if (restartAt != null) {
                throw new UsageException("--restart-at cannot be combined with --docker");
            }
            if (containers < 1 || containers > MAX_CONTAINERS) {
                throw new UsageException("--containers must be 1-" + MAX_CONTAINERS + ", got " + containers);
            }
            parse(() -> FleetSplit.of(endpoints, handshakes, containers));
            return new LoadRequest.Containers(containers, image, Optional.ofNullable(containerTimeout));
        }
        return new LoadRequest.InProcess();
    }

    private static UsageException restartNeedsAuthority() {
        return new UsageException(
                "--restart-at needs the authority server this command starts (no --target, --server authority)");
    }

    /** Upper bound of --containers: one engine starting more JVMs than this at once is a mistake, not a fleet. */
    static final int MAX_CONTAINERS = 256;

    static InetSocketAddress hostPort(String text) {
        HostPort hp = HostPort.parse(text);
        if (!hp.hasPort()) {
            throw new IllegalArgumentException("--target must be HOST:PORT ([::1]:PORT for IPv6), got '" + text + "'");
        }
        return new InetSocketAddress(hp.host(), hp.port());
    }

    static String hostPart(String text) {
        return HostPort.parse(text).host();
    }

    /** Turns a bad option value into a usage error (exit 2, one line). */
    static <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
