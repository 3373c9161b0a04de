package io.tlslab.server.cli;

import io.tlslab.cli.ExitCodes;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code cli --url URL '<command>'}: one console command against a running server. */
@Command(
        name = "cli",
        mixinStandardHelpOptions = true,
        header = {
            "Run one console command on a running server.",
            "",
            "Examples:",
            "  TLSLAB_ADMIN_PASSWORD=secret tlslab-server cli --url https://127.0.0.1:4285 --insecure 'prop.show'",
            "  tlslab-server cli --url https://127.0.0.1:4285 --pin AB:CD:... 'help prop.set'",
            ""
        },
        description =
                "Run a console command (prop.set, prop.show, prop.del, setting.set, setting.show, help) on a"
                        + " running server. Exit 0 when accepted, 1 when the server refused it, 2 on usage or connection errors.")
final class CliCommand implements Callable<Integer> {
    @Mixin
    RemoteOptions remote = new RemoteOptions();

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "the command line, quoted or as separate words")
    List<String> words;

    @Override
    public Integer call() {
        try {
            ConsoleClient client = remote.signIn();
            String line = String.join(" ", words);
            ConsoleClient.Reply r = remote.call(() -> client.command(line));
            if (r.status() == 200 || r.status() == 422) {
                Object out = r.json().get("output");
                (r.status() == 200 ? System.out : System.err).println(out);
                return r.status() == 200 ? ExitCodes.OK : ExitCodes.NEGATIVE;
            }
            System.err.println("error: server answered " + r.status() + ": " + RemoteOptions.errorOf(r));
            return ExitCodes.USAGE;
        } catch (CliFailure f) {
            System.err.println("error: " + f.getMessage());
            return f.exitCode;
        }
    }
}
