package io.tlslab.fleet.cli;

import io.tlslab.ca.scenario.Scenario;
import io.tlslab.cli.CliKit;
import io.tlslab.cli.Converters;
import io.tlslab.tls.TlsEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tlslab-fleet}: conformance matrix, handshake load and the local demo. */
@Command(
        name = "tlslab-fleet",
        mixinStandardHelpOptions = true,
        version = "tlslab-fleet 0.1.0",
        description = {
            "Runs simulated endpoints against a tlslab authority server on this machine.",
            "",
            "Examples:",
            "  tlslab-fleet demo                                  # local server + rollout walk-through, until Ctrl-C",
            "  tlslab-fleet conformance                           # every scenario x client mode x engine; exit 1 on a mismatch",
            "  tlslab-fleet load --endpoints 200 --duration 30s   # handshake load, report in fleet-reports/",
            "  tlslab-fleet load --handshakes 10000 --engine JDK --scenario VALID_RSA_2048",
            "  tlslab-fleet lab serve                             # every certificate scenario at once, one HTTPS port each",
            "  tlslab-fleet probe-client -- curl -sS --cacert {ca} --resolve {host}:{port}:{ip} {url}   # score a client",
            ""
        },
        subcommands = {
            DemoCommand.class,
            ConformanceCommand.class,
            LoadCommand.class,
            MergeCommand.class,
            ServeCommand.class,
            LabCommand.class,
            ProbeClientCommand.class,
            CommandLine.HelpCommand.class
        })
public final class FleetCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns the exit code (0 ok, 1 failure/mismatch, 2 usage error). */
    public static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    public static CommandLine newCommandLine() {
        CommandLine cli = CliKit.configure(new CommandLine(new FleetCli()));
        cli.registerConverter(Scenario.class, Converters.of(Scenario::parse));
        cli.registerConverter(TlsEngine.class, Converters.of(TlsEngine::parse));
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
