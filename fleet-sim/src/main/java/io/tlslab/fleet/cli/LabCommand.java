package io.tlslab.fleet.cli;

import io.tlslab.ca.scenario.Scenario;
import io.tlslab.fleet.lab.LabConfig;
import io.tlslab.fleet.lab.LabScenario;
import io.tlslab.fleet.lab.ScenarioLab;
import io.tlslab.protocol.settings.Durations;
import io.tlslab.tls.cli.EngineOption;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tlslab-fleet lab serve}: the scenario lab, every scenario at once (a local badssl). */
@Command(
        name = "lab",
        mixinStandardHelpOptions = true,
        description = {
            "The scenario lab: every certificate scenario served at once, to test any TLS client.",
            "",
            "Examples:",
            "  tlslab-fleet lab serve                               # index http://127.0.0.1:9400/, scenarios on 9401..",
            "  tlslab-fleet lab serve --host lab.example.test --port 7400 --out /tmp/lab",
            "  tlslab-fleet probe-client -- curl -sS --cacert {ca} --resolve {host}:{port}:{ip} {url}",
            ""
        },
        subcommands = {LabCommand.Serve.class})
public final class LabCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "serve",
            sortOptions = false,
            mixinStandardHelpOptions = true,
            description = {
                "Mints the whole scenario catalogue for --host and serves every scenario at once over HTTPS, one port",
                "each (base port + 1 + i), with an index page (plain HTTP) on the base port. Writes scenarios.json (slug,",
                "port, dial host, URL, expected outcome per client mode and profile, trust anchors file), trust-anchors.pem",
                "(all anchors), a hosts file and the minted set (certs/), prints a table and one readiness line",
                "('tlslab-lab ready: ...') when every port listens, then runs until Ctrl-C (or --duration).",
                "A client that accepts a scenario's certificate gets a one-line page naming the scenario.",
                "",
                "Examples:",
                "  tlslab-fleet lab serve",
                "  tlslab-fleet lab serve --scenarios expired-leaf,wrong-host,valid-rsa-2048 --port 0",
                "  tlslab-fleet lab serve --bind 0.0.0.0 --out /data     # inside a container only",
                ""
            })
    static final class Serve implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--host",
                defaultValue = "localhost",
                description =
                        "DNS name the catalogue is minted for; every dial host derives from it (default ${DEFAULT-VALUE})")
        String host;

        @Option(
                names = "--port",
                defaultValue = "9400",
                description =
                        "base port: index page there, scenario i on base+1+i; 0 = free ephemeral ports (default ${DEFAULT-VALUE})")
        int port;

        @Option(
                names = "--bind",
                defaultValue = "127.0.0.1",
                description = "address to listen on; keep loopback outside a container (default ${DEFAULT-VALUE})")
        String bind;

        @Option(names = "--scenarios", split = ",", description = "scenarios to serve (default: the whole catalogue)")
        List<String> scenarios;

        @Mixin
        EngineOption engine;

        @Option(
                names = "--out",
                defaultValue = "tlslab-lab",
                description = "directory for scenarios.json and the certificates (default ${DEFAULT-VALUE})")
        Path out;

        @Option(names = "--duration", description = "stop after this long (default: until Ctrl-C)")
        Duration duration;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            LabConfig config = LoadCommand.parse(
                    () -> new LabConfig(host, scenarioList(scenarios), address(bind), port, engine.engine(), this.out));
            if (!config.bind().isLoopbackAddress()) {
                out.println("warning: serving deliberately broken certificates on " + bind
                        + ", not loopback: do this only inside a container or a network namespace of your own");
            }
            ScenarioLab lab = LoadCommand.parse(() -> {
                try {
                    return ScenarioLab.start(config);
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException(
                            "cannot write the lab's files to " + this.out + ": " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while starting", e);
                }
            });
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(
                    () -> {
                        lab.close();
                        stopped.countDown();
                    },
                    "lab-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            out.print(table(lab));
            out.println(lab.readinessLine());
            out.flush();
            if (duration == null) {
                stopped.await();
            } else if (!stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
                Runtime.getRuntime().removeShutdownHook(hook);
                lab.close();
                out.println("tlslab-lab stopped after " + Durations.format(duration));
            }
            return 0;
        }

        static String table(ScenarioLab lab) {
            StringBuilder t = new StringBuilder();
            t.append(String.format(
                    "%-28s %-22s %6s  %-26s %s%n", "scenario", "dial host", "port", "expected (strict client)", "url"));
            for (LabScenario s : lab.manifest().scenarios()) {
                t.append(String.format(
                        "%-28s %-22s %6d  %-26s %s%n",
                        s.slug(), s.dialHost(), s.port(), s.expectedFor(ScenarioLab.ARTICLE_PROFILE), s.url()));
            }
            t.append("trust anchors: ")
                    .append(lab.directory().resolve("trust-anchors.pem"))
                    .append(" (all), per scenario: certs/<slug>/trust.pem; dial hosts resolve to 127.0.0.1 via ")
                    .append(lab.directory().resolve("hosts"))
                    .append('\n');
            return t.toString();
        }
    }

    static List<Scenario> scenarioList(List<String> names) {
        return names == null
                ? Arrays.asList(Scenario.values())
                : names.stream().map(Scenario::parse).toList();
    }

    static InetAddress address(String text) {
        if (!text.matches("[0-9.]+|[0-9a-fA-F:]+|localhost")) {
            throw new IllegalArgumentException(
                    "--bind takes an IP address (127.0.0.1, ::1, 0.0.0.0), not '" + text + "'");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind takes an IP address, not '" + text + "'");
        }
    }
}
