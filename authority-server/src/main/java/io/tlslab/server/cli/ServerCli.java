package io.tlslab.server.cli;

import io.tlslab.cli.CliKit;
import io.tlslab.cli.Converters;
import io.tlslab.tls.TlsEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tlslab-server}: start an authority server, run console commands against a running one,
 * manage its certificates. Exit codes: 0 success, 1 the server refused, 2 usage or connection error.
 */
@Command(
        name = "tlslab-server",
        mixinStandardHelpOptions = true,
        version = "tlslab-server 0.1.0",
        header = {
            "Examples:",
            "  tlslab-server start --data-dir ./data",
            "  TLSLAB_ADMIN_PASSWORD=secret tlslab-server cli --url https://127.0.0.1:4285 --insecure \\",
            "      'prop.set c42.sabre.server.certificate.useHttpsCertificate true save all'",
            "  tlslab-server cli --url https://127.0.0.1:4285 --pin <SHA-256> \\",
            "      'setting.set system c42.sabre.client.certificate.strictValidation true'",
            "  tlslab-server cert import --url https://127.0.0.1:4285 --insecure --file server.p12 --password changeit",
            ""
        },
        description = "Authority server of the tlslab TLS strict-validation lab: HTTPS console (4285), endpoint"
                + " messaging (4287), server-to-server messaging (4288).",
        subcommands = {StartCommand.class, CliCommand.class, CertCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 the server refused the command, 2 usage or connection error."})
public final class ServerCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "missing command: expected start, cli, cert or help");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs without exiting: for tests and embedding. */
    public static int run(String... args) {
        CommandLine cl = CliKit.configure(new CommandLine(new ServerCli()));
        cl.registerConverter(TlsEngine.class, Converters.of(TlsEngine::parse));
        return cl.execute(args);
    }
}
