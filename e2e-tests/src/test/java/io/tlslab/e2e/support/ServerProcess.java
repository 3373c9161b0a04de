package io.tlslab.e2e.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An authority server run with {@code tlslab-server start} on loopback, on ports chosen up front so
 * that a restart comes back where the endpoints expect it. Admin commands go through the real
 * {@code tlslab-server cli} and {@code cert} commands against its console.
 */
public final class ServerProcess implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "e2e-admin-password";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern RUNNING = Pattern.compile("tlslab authority server \\S+ is running");
    private static final Pattern CONSOLE_SHA256 =
            Pattern.compile("console\\s+https://\\S+\\s+certificate SHA-256 ([0-9A-F:]{95})");
    private static final Pattern MESSAGING_SHA256 =
            Pattern.compile("messaging\\s+.*\\n\\s+certificate SHA-256 ([0-9A-F:]{95})");

    private final String name;
    private final Path dataDir;
    private final int consolePort;
    private final int messagingPort;
    private final int serverPort;
    private final List<String> extraArgs;
    private JavaProcess process;

    private ServerProcess(String name, Path dataDir, List<String> extraArgs) {
        this.name = name;
        this.dataDir = dataDir;
        this.consolePort = FreePorts.next();
        this.messagingPort = FreePorts.next();
        this.serverPort = FreePorts.next();
        this.extraArgs = List.copyOf(extraArgs);
    }

    /** Starts a server with its embedded store in {@code dataDir} and waits for its banner. */
    public static ServerProcess start(String name, Path dataDir, String... extraArgs) {
        ServerProcess server = new ServerProcess(name, dataDir, List.of(extraArgs));
        server.launch();
        return server;
    }

    private void launch() {
        List<String> args = new ArrayList<>(List.of(
                "start",
                "--data-dir",
                dataDir.toString(),
                "--bind",
                "127.0.0.1",
                "--console-port",
                String.valueOf(consolePort),
                "--messaging-port",
                String.valueOf(messagingPort),
                "--server-port",
                String.valueOf(serverPort)));
        args.addAll(extraArgs);
        process = JavaProcess.of(TlslabJar.SERVER)
                .name(name)
                .env("TLSLAB_ADMIN_PASSWORD", ADMIN_PASSWORD)
                .args(args)
                .start();
        process.awaitLine(RUNNING, START_TIMEOUT);
    }

    /** A graceful stop (SIGTERM) and a new start on the same data directory and ports. */
    public void restart() {
        process.stop();
        launch();
    }

    public void stop() {
        if (process != null) {
            process.stop();
        }
    }

    /** kill -9: a crash, no shutdown hook runs, nothing is flushed or closed. */
    public void kill() {
        process.kill();
    }

    /** Starts again on the same data directory and ports, after {@link #kill} or {@link #stop}. */
    public void startAgain() {
        launch();
    }

    public JavaProcess process() {
        return process;
    }

    public int messagingPort() {
        return messagingPort;
    }

    public int serverPort() {
        return serverPort;
    }

    public String consoleUrl() {
        return "https://127.0.0.1:" + consolePort;
    }

    /** The console certificate's SHA-256 fingerprint from the current run's start-up banner. */
    public String consoleSha256() {
        return process.awaitLine(CONSOLE_SHA256, Duration.ofSeconds(1));
    }

    /** The certificate 4287/4288 present, from the current run's start-up banner. */
    public String messagingSha256() {
        return process.awaitLine(MESSAGING_SHA256, Duration.ofSeconds(1));
    }

    /** {@code tlslab-server cli --url ... '<command>'}. */
    public CliResult cli(String command) {
        return remote("cli", command);
    }

    /** {@code tlslab-server cert <verb> --url ... [args]}. */
    public CliResult cert(String verb, String... args) {
        List<String> all = new ArrayList<>(List.of("cert", verb));
        all.addAll(remoteOptions());
        all.addAll(List.of(args));
        return JavaProcess.of(TlslabJar.SERVER)
                .name(name + "-cert")
                .env("TLSLAB_ADMIN_PASSWORD", ADMIN_PASSWORD)
                .args(all)
                .run(CLI_TIMEOUT);
    }

    private CliResult remote(String subcommand, String line) {
        List<String> all = new ArrayList<>(List.of(subcommand));
        all.addAll(remoteOptions());
        all.add(line);
        return JavaProcess.of(TlslabJar.SERVER)
                .name(name + "-cli")
                .env("TLSLAB_ADMIN_PASSWORD", ADMIN_PASSWORD)
                .args(all)
                .run(CLI_TIMEOUT);
    }

    private List<String> remoteOptions() {
        // the console certificate changes during the walk-through; pinning is the server module's test
        return List.of("--url", consoleUrl(), "--insecure");
    }

    @Override
    public void close() {
        stop();
    }
}
