package io.tlslab.fleet.cli;

import io.tlslab.ca.scenario.Scenario;
import io.tlslab.cli.EnvironmentDefault;
import io.tlslab.cli.ExitCodes;
import io.tlslab.fleet.demo.DemoSession;
import io.tlslab.tls.cli.EngineOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @EnvironmentDefault("TLSLAB_ADMIN_PASSWORD")
    @Option(
            names = "--admin-password",
            description = "the console admin's password (default: $TLSLAB_ADMIN_PASSWORD, else generated and printed)")
    String adminPassword;

    @Option(
            names = "--endpoints",
            defaultValue = "24",
            description = "fleet size; two thirds 6.0, one third 5.4 (default ${DEFAULT-VALUE})")
    int endpoints;

    @Mixin
    EngineOption engine;

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
        List<Scenario> tableScenarios = conformanceScenarios == null
                ? Arrays.asList(Scenario.values())
                : LoadCommand.parse(() -> conformanceScenarios.stream()
                        .map(ConformanceCommand::scenario)
                        .toList());
        DemoSession.Plan plan = LoadCommand.parse(() -> new DemoSession.Plan(
                dataDir,
                consolePort,
                messagingPort,
                serverPort,
                Optional.ofNullable(adminPassword),
                endpoints,
                engine.engine(),
                tableScenarios,
                rateDuration,
                !noWait));
        return new DemoSession(spec.commandLine().getOut()).run(plan) ? ExitCodes.OK : ExitCodes.NEGATIVE;
    }
}
