package io.tlslab.server.cli;

import io.tlslab.cli.Converters;
import io.tlslab.cli.ExitCodes;
import io.tlslab.protocol.text.Untrusted;
import java.io.Console;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import picocli.CommandLine.Option;

/** How the CLI reaches and signs in to a running server's console. */
final class RemoteOptions {
    @Option(names = "--url", required = true, description = "console URL, e.g. https://127.0.0.1:4285")
    URI url;

    @Option(names = "--user", defaultValue = "admin", description = "admin user (default: ${DEFAULT-VALUE})")
    String user;

    @Option(
            names = "--pin",
            description = "trust the console certificate with this SHA-256 fingerprint (printed at start)")
    String pin;

    @Option(names = "--insecure", description = "trust any console certificate (loopback labs only)")
    boolean insecure;

    @Option(
            names = "--timeout",
            defaultValue = "30s",
            converter = Converters.PositiveDuration.class,
            description = "longest wait for one answer from the console, e.g. 5s, 2m (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(
            names = "--retries",
            defaultValue = "2",
            description = "sign-in attempts after the first when the console cannot be reached or answers 502/503/504;"
                    + " commands themselves are never repeated (default: ${DEFAULT-VALUE})")
    int retries;

    @Option(
            names = "--password-file",
            description = "read the admin password from this file's first line" + " instead of TLSLAB_ADMIN_PASSWORD")
    java.nio.file.Path passwordFile;

    /** Signs in with TLSLAB_ADMIN_PASSWORD (or a prompt when interactive). */
    ConsoleClient signIn() throws CliFailure {
        String password = System.getenv("TLSLAB_ADMIN_PASSWORD");
        if (passwordFile != null) {
            try {
                password = java.nio.file.Files.readAllLines(passwordFile).stream()
                        .findFirst()
                        .orElse("");
            } catch (IOException e) {
                throw new CliFailure(
                        ExitCodes.USAGE, "cannot read the password file " + passwordFile + ": " + e.getMessage());
            }
        }
        if (password == null || password.isEmpty()) {
            Console c = System.console();
            if (c == null) {
                throw new CliFailure(
                        ExitCodes.USAGE, "set TLSLAB_ADMIN_PASSWORD to the admin password (or use --password-file)");
            }
            char[] typed = c.readPassword("password for %s: ", user);
            password = typed == null ? "" : new String(typed);
        }
        if (retries < 0 || retries > 10) {
            throw new CliFailure(ExitCodes.USAGE, "--retries must be between 0 and 10, got " + retries);
        }
        ConsoleClient client = new ConsoleClient(url, pin, insecure, timeout);
        String secret = password;
        ConsoleClient.Reply r = signInWithRetries(client, secret);
        if (r.status() != 200) {
            throw new CliFailure(ExitCodes.USAGE, "sign-in refused (" + r.status() + "): " + errorOf(r));
        }
        return client;
    }

    /**
     * Signing in changes nothing on the server but the session table, so it is safe to repeat: a
     * console that is restarting (refused connection, reset, 502/503/504) gets a few chances, with
     * exponential backoff and full jitter. A wrong password (401) or a lockout is never retried.
     */
    private ConsoleClient.Reply signInWithRetries(ConsoleClient client, String secret) throws CliFailure {
        for (int attempt = 0; ; attempt++) {
            boolean last = attempt >= retries;
            try {
                ConsoleClient.Reply r = call(() -> client.login(user, secret));
                if (last || !isTransient(r.status())) {
                    return r;
                }
            } catch (CliFailure f) {
                if (last || !f.transientFailure) {
                    throw f;
                }
            }
            sleepBeforeRetry(attempt);
        }
    }

    private static boolean isTransient(int status) {
        return status == 502 || status == 503 || status == 504;
    }

    private static void sleepBeforeRetry(int attempt) throws CliFailure {
        long capMillis = 500L << Math.min(attempt, 4);
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(capMillis / 2, capMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.USAGE, "interrupted");
        }
    }

    interface Call {
        ConsoleClient.Reply run() throws IOException, InterruptedException;
    }

    /** Turns connection problems into one-line errors with exit code 2. */
    ConsoleClient.Reply call(Call call) throws CliFailure {
        try {
            return call.run();
        } catch (SSLHandshakeException e) {
            throw new CliFailure(
                    ExitCodes.USAGE,
                    "cannot trust the console certificate at " + url + " (" + e.getMessage()
                            + "): pass --pin <SHA-256 from the start banner> or --insecure");
        } catch (ConnectException e) {
            throw CliFailure.transientFailure("cannot connect to " + url + ": is the server running?");
        } catch (HttpTimeoutException e) {
            throw new CliFailure(
                    ExitCodes.USAGE,
                    "no answer from " + url + " within " + timeout.toMillis() + " ms"
                            + " (raise --timeout if the server is busy)");
        } catch (IOException e) {
            throw CliFailure.transientFailure("cannot talk to " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.USAGE, "interrupted");
        }
    }

    /**
     * The server's one-line reason, escaped for the terminal; never empty: a reply without a body
     * (a proxy's 413, say) still says which status came back.
     */
    static String errorOf(ConsoleClient.Reply r) {
        String reason;
        try {
            Object e = r.json().get("error");
            reason = e == null ? r.text() : String.valueOf(e);
        } catch (IllegalStateException ex) {
            reason = r.text();
        }
        if (reason.isBlank()) {
            return "the server answered HTTP " + r.status() + " without a reason";
        }
        return Untrusted.escapeControls(reason.strip());
    }
}
