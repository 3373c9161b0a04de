package io.tlslab.fleet.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tlslab-fleet}: conformance matrix, handshake load and the local demo. */
@Command(name = "tlslab-fleet", mixinStandardHelpOptions = true, version = "tlslab-fleet 0.1.0",
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
            ""},
        subcommands = {DemoCommand.class, ConformanceCommand.class, LoadCommand.class, ServeCommand.class, LabCommand.class,
            ProbeClientCommand.class, CommandLine.HelpCommand.class})
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
        CommandLine cli = new CommandLine(new FleetCli());
        cli.setUsageHelpWidth(120); // the examples are wider than picocli's 80 columns
        cli.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("tlslab-fleet: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof UsageException) {
                err.println("tlslab-fleet: " + ex.getMessage());
                return 2;
            }
            err.println("tlslab-fleet: " + oneLine(ex));
            return 1;
        });
        return cli;
    }

    static String oneLine(Throwable ex) {
        String message = ex.getMessage();
        if (message == null || message.isBlank()) {
            message = ex.getClass().getSimpleName();
        }
        Throwable cause = ex.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += ": " + cause.getMessage();
        }
        return message.replace('\n', ' ');
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A bad option value detected after parsing: exit code 2, one line. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
