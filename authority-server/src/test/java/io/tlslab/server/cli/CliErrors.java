package io.tlslab.server.cli;

/** Test access to what the CLI prints after {@code error: } for a refused request. */
public final class CliErrors {
    private CliErrors() {}

    public static String of(ConsoleClient.Reply r) {
        return RemoteOptions.errorOf(r);
    }
}
