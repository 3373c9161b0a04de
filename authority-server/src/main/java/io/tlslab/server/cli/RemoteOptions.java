package io.tlslab.server.cli;

import java.io.Console;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLHandshakeException;
import picocli.CommandLine.Option;

/** How the CLI reaches and signs in to a running server's console. */
final class RemoteOptions {
    @Option(names = "--url", required = true, description = "console URL, e.g. https://127.0.0.1:4285")
    URI url;

    @Option(names = "--user", defaultValue = "admin", description = "admin user (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--pin", description = "trust the console certificate with this SHA-256 fingerprint (printed at start)")
    String pin;

    @Option(names = "--insecure", description = "trust any console certificate (loopback labs only)")
    boolean insecure;

    @Option(names = "--password-file", description = "read the admin password from this file's first line"
            + " instead of TLSLAB_ADMIN_PASSWORD")
    java.nio.file.Path passwordFile;

    /** Signs in with TLSLAB_ADMIN_PASSWORD (or a prompt when interactive). */
    ConsoleClient signIn() throws CliFailure {
        String password = System.getenv("TLSLAB_ADMIN_PASSWORD");
        if (passwordFile != null) {
            try {
                password = java.nio.file.Files.readAllLines(passwordFile).stream().findFirst().orElse("");
            } catch (IOException e) {
                throw new CliFailure(ExitCodes.USAGE, "cannot read the password file " + passwordFile + ": " + e.getMessage());
            }
        }
        if (password == null || password.isEmpty()) {
            Console c = System.console();
            if (c == null) {
                throw new CliFailure(ExitCodes.USAGE, "set TLSLAB_ADMIN_PASSWORD to the admin password (or use --password-file)");
            }
            char[] typed = c.readPassword("password for %s: ", user);
            password = typed == null ? "" : new String(typed);
        }
        ConsoleClient client = new ConsoleClient(url, pin, insecure);
        String secret = password;
        ConsoleClient.Reply r = call(() -> client.login(user, secret));
        if (r.status() != 200) {
            throw new CliFailure(ExitCodes.USAGE, "sign-in refused (" + r.status() + "): " + errorOf(r));
        }
        return client;
    }

    interface Call {
        ConsoleClient.Reply run() throws IOException, InterruptedException;
    }

    /** Turns connection problems into one-line errors with exit code 2. */
    ConsoleClient.Reply call(Call call) throws CliFailure {
        try {
            return call.run();
        } catch (SSLHandshakeException e) {
            throw new CliFailure(ExitCodes.USAGE, "cannot trust the console certificate at " + url
                    + " (" + e.getMessage() + "): pass --pin <SHA-256 from the start banner> or --insecure");
        } catch (ConnectException e) {
            throw new CliFailure(ExitCodes.USAGE, "cannot connect to " + url + ": is the server running?");
        } catch (HttpTimeoutException e) {
            throw new CliFailure(ExitCodes.USAGE, "no answer from " + url + " in time");
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.USAGE, "cannot talk to " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.USAGE, "interrupted");
        }
    }

    static String errorOf(ConsoleClient.Reply r) {
        try {
            Object e = r.json().get("error");
            return e == null ? r.text() : String.valueOf(e);
        } catch (IllegalStateException ex) {
            return r.text();
        }
    }
}
