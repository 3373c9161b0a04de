package io.tlslab.client.cli;

import io.tlslab.cli.CliKit;
import io.tlslab.cli.Converters;
import io.tlslab.tls.TlsEngine;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tlslab-client}: the endpoint's command line. Subcommands do the work; this class wires them
 * and makes every usage error one line plus a pointer to {@code --help}, exit code 2.
 */
@Command(
        name = "tlslab-client",
        mixinStandardHelpOptions = true,
        versionProvider = ClientCli.Version.class,
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
        CommandLine cli = CliKit.configure(new CommandLine(new ClientCli()));
        cli.registerConverter(TlsEngine.class, Converters.of(TlsEngine::parse));
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

    /** Exit codes shared by every subcommand: cli-kit's, named for what a validation answers. */
    public static final class ExitCodes {
        public static final int ACCEPTED = io.tlslab.cli.ExitCodes.OK;
        public static final int REJECTED = io.tlslab.cli.ExitCodes.NEGATIVE;
        public static final int USAGE = io.tlslab.cli.ExitCodes.USAGE;

        private ExitCodes() {}
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ClientCli.class.getPackage().getImplementationVersion();
            return new String[] {"tlslab-client " + (v == null ? "(development build)" : v)};
        }
    }
}
