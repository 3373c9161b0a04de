package io.tlslab.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tlslab-server}: start an authority server, run console commands against a running one,
 * manage its certificates. Exit codes: 0 success, 1 the server refused, 2 usage or connection error.
 */
@Command(name = "tlslab-server", mixinStandardHelpOptions = true, version = "tlslab-server 0.1.0",
        usageHelpAutoWidth = true,
        header = {
            "Examples:",
            "  tlslab-server start --data-dir ./data",
            "  TLSLAB_ADMIN_PASSWORD=secret tlslab-server cli --url https://127.0.0.1:4285 --insecure \\",
            "      'prop.set c42.sabre.server.certificate.useHttpsCertificate true save all'",
            "  tlslab-server cli --url https://127.0.0.1:4285 --pin <SHA-256> \\",
            "      'setting.set system c42.sabre.client.certificate.strictValidation true'",
            "  tlslab-server cert import --url https://127.0.0.1:4285 --insecure --file server.p12 --password changeit",
            ""},
        description = "Authority server of the tlslab TLS strict-validation lab: HTTPS console (4285), endpoint"
                + " messaging (4287), server-to-server messaging (4288).",
        subcommands = {StartCommand.class, CliCommand.class, CertCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 the server refused the command, 2 usage or connection error."})
public final class ServerCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: expected start, cli, cert or help");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs without exiting: for tests and embedding. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new ServerCli());
        cl.setUsageHelpWidth(120); // the examples are wider than picocli's 80 columns
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return ExitCodes.USAGE;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            ex.getCommandLine().getErr().println("try: " + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            return ExitCodes.USAGE;
        });
        return cl.execute(args);
    }
}
