package io.tlslab.client.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tlslab-client}: the endpoint's command line. Subcommands do the work; this class wires them
 * and makes every usage error one line plus a pointer to {@code --help}, exit code 2.
 */
@Command(name = "tlslab-client",
        mixinStandardHelpOptions = true,
        versionProvider = ClientCli.Version.class,
        usageHelpWidth = 110,
        header = {
            "tlslab endpoint: validates TLS servers the way a strict endpoint does.",
            "",
            "Examples:",
            "  tlslab-client validate --chain server.pem --trust roots.pem --host authority.example",
            "  tlslab-client validate --chain server.pem --host 10.0.0.7 --format json",
            "  tlslab-client connect --once --server 127.0.0.1:4287 --trust roots.pem",
            "  tlslab-client help validate",
            ""
        },
        subcommands = {ValidateCommand.class, ConnectCommand.class, CommandLine.HelpCommand.class})
public final class ClientCli implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line; other subcommands register here ({@code addSubcommand}). */
    public static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new ClientCli());
        cli.setUsageHelpWidth(120); // the examples are wider than picocli's 80 columns
        cli.setParameterExceptionHandler(ClientCli::oneLineUsageError);
        return cli;
    }

    /** Runs the CLI in-process with the given output streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = newCommandLine();
        cli.setOut(out);
        cli.setErr(err);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Without a subcommand: show the help (examples first) and signal a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    private static int oneLineUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage and examples.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** Exit codes shared by every subcommand. */
    public static final class ExitCodes {
        public static final int ACCEPTED = 0;
        public static final int REJECTED = 1;
        public static final int USAGE = 2;

        private ExitCodes() {
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ClientCli.class.getPackage().getImplementationVersion();
            return new String[] {"tlslab-client " + (v == null ? "(development build)" : v)};
        }
    }
}
