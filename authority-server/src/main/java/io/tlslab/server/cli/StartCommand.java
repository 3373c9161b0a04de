package io.tlslab.server.cli;

import io.tlslab.cli.EnvironmentDefault;
import io.tlslab.cli.ExitCodes;
import io.tlslab.protocol.settings.Fingerprint;
import io.tlslab.protocol.settings.FingerprintList;
import io.tlslab.server.AuthorityServer;
import io.tlslab.server.cert.ListenerPurpose;
import io.tlslab.server.config.AcceptLoops;
import io.tlslab.server.config.ServerConfig;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.Transport;
import io.tlslab.tls.cli.EngineOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code start}: runs a server in the foreground until Ctrl+C. */
@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        header = {
            "Start an authority server in the foreground.",
            "",
            "Examples:",
            "  tlslab-server start",
            "  TLSLAB_ADMIN_PASSWORD=secret tlslab-server start --data-dir /var/lib/tlslab --hostname authority.example.com",
            "  tlslab-server start --jdbc-url jdbc:postgresql://db/tlslab --jdbc-user tlslab --peer 10.0.0.2:4288 --peer-fingerprint AB:CD:...",
            ""
        },
        description = "Start an authority server in the foreground. The first start creates the admin 'admin' with"
                + " TLSLAB_ADMIN_PASSWORD, or prints a generated password once.")
final class StartCommand implements Callable<Integer> {
    @Option(
            names = "--data-dir",
            defaultValue = "tlslab-data",
            description = "embedded database directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--jdbc-url", description = "use this database instead of the embedded one (jdbc:postgresql://...)")
    String jdbcUrl;

    @EnvironmentDefault("TLSLAB_SERVER_NAME")
    @Option(
            names = "--server-name",
            defaultValue = "default",
            description = "this server's name among the servers sharing one database (--jdbc-url): its identity,"
                    + " certificates and saved properties are its own, settings, devices and admins are shared;"
                    + " each server of the database needs a different one (default: $TLSLAB_SERVER_NAME, else"
                    + " 'default')")
    String serverName;

    @Option(names = "--jdbc-user", defaultValue = "", description = "database user")
    String jdbcUser;

    @Option(
            names = "--jdbc-password-env",
            defaultValue = "TLSLAB_JDBC_PASSWORD",
            description = "environment variable holding the database password (default: ${DEFAULT-VALUE})")
    String jdbcPasswordEnv;

    @Option(
            names = "--bind",
            defaultValue = "127.0.0.1",
            description = "address every listener binds (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--console-port", defaultValue = "4285", description = "HTTPS console (default: ${DEFAULT-VALUE})")
    int consolePort;

    @Option(
            names = "--redirect-port",
            defaultValue = "-1",
            description = "plain HTTP port that redirects to the console, e.g. 4280 (default: off)")
    int redirectPort;

    @Option(
            names = "--messaging-port",
            defaultValue = "4287",
            description = "endpoint messaging (default: ${DEFAULT-VALUE})")
    int messagingPort;

    @Option(
            names = "--server-port",
            defaultValue = "4288",
            description = "server-to-server messaging (default: ${DEFAULT-VALUE})")
    int serverPort;

    @Option(
            names = "--hostname",
            description = "name for the self-signed certificate's SAN (repeatable; localhost always added)")
    List<String> hostnames = new ArrayList<>();

    @Mixin
    EngineOption engine;

    @Option(names = "--peer", description = "another server of the environment, host:port of its 4288 (repeatable)")
    List<String> peers = new ArrayList<>();

    @Option(
            names = "--peer-fingerprint",
            description = "SHA-1/SHA-256 of a peer server's certificate, trusted on 4288 (repeatable)")
    List<String> peerFingerprints = new ArrayList<>();

    @Option(
            names = "--trust-anchors",
            description = "PEM file of the environment's root certificates: 4288 accepts"
                    + " peers whose chain validates against them; the strict-validation warning judges the root too")
    Path trustAnchors;

    @Option(
            names = "--max-connections",
            defaultValue = "20000",
            description =
                    "open connections per listener, lowered to fit the descriptor limit (default: ${DEFAULT-VALUE})")
    int maxConnections;

    @Option(
            names = "--max-handshakes",
            defaultValue = "512",
            description = "TLS handshakes in flight per listener (default: ${DEFAULT-VALUE})")
    int maxHandshakes;

    @Option(
            names = "--max-connections-per-address",
            defaultValue = "512",
            description = "connections one client address may hold per listener (default: ${DEFAULT-VALUE})")
    int maxConnectionsPerAddress;

    @Option(
            names = "--max-handshakes-per-address",
            defaultValue = "64",
            description =
                    "TLS handshakes one client address may have in progress per listener (default: ${DEFAULT-VALUE})")
    int maxHandshakesPerAddress;

    @Option(
            names = "--handshake-queue",
            defaultValue = "16384",
            description = "connections held (reading paused) while the handshake limits are reached, admitted in"
                    + " turn per address as handshakes end; beyond it they are closed; 0: close at once"
                    + " (default: ${DEFAULT-VALUE})")
    int handshakeQueue;

    @Option(
            names = "--handshake-queue-per-address",
            defaultValue = "256",
            description = "of those, how many one client address may have waiting (default: ${DEFAULT-VALUE})")
    int handshakeQueuePerAddress;

    @Option(
            names = "--handshake-queue-wait",
            defaultValue = "10s",
            description = "how long a connection may wait in the handshake queue before it is closed"
                    + " (default: ${DEFAULT-VALUE})")
    Duration handshakeQueueWait;

    @Option(
            names = "--registration-key-env",
            defaultValue = "TLSLAB_REGISTRATION_KEY",
            description = "environment variable holding the organization registration key endpoints present on first"
                    + " contact; unset: any endpoint may register (default: ${DEFAULT-VALUE})")
    String registrationKeyEnv;

    @Option(
            names = "--max-registrations-per-address",
            defaultValue = "20",
            description = "new devices one client address may register per minute (default: ${DEFAULT-VALUE})")
    int maxRegistrationsPerAddress;

    @Option(
            names = "--ticket-key-rotation",
            defaultValue = "1h",
            description = "TLS 1.3 session tickets on the messaging ports (OpenSSL engine): how long one key, kept"
                    + " in memory only, encrypts new tickets; it decrypts for one interval more (default:"
                    + " ${DEFAULT-VALUE})")
    Duration ticketKeyRotation;

    @Option(
            names = "--accept-loops",
            defaultValue = "auto",
            paramLabel = "auto|0|N",
            converter = AcceptLoopsConverter.class,
            description = "messaging ports: auto = one SO_REUSEPORT listening socket per event loop on Linux epoll,"
                    + " each accepting and serving its own connections, else one socket (default:"
                    + " ${DEFAULT-VALUE}); 0 = one listening socket; N = N SO_REUSEPORT sockets. A port already"
                    + " in use is refused either way")
    AcceptLoops acceptLoops;

    @Option(
            names = "--expiry-warning-days",
            defaultValue = "30",
            description = "warn when a certificate expires within (default: ${DEFAULT-VALUE})")
    int expiryWarningDays;

    @Override
    public Integer call() {
        ServerConfig config;
        try {
            List<Fingerprint> fps = new ArrayList<>();
            for (String f : peerFingerprints) {
                fps.add(Fingerprint.parse(f));
            }
            String env = System.getenv("TLSLAB_ADMIN_PASSWORD");
            config = ServerConfig.builder()
                    .dataDir(dataDir)
                    .serverName(serverName)
                    .bind(bind)
                    .consolePort(consolePort)
                    .redirectPort(redirectPort)
                    .messagingPort(messagingPort)
                    .serverPort(serverPort)
                    .hostnames(hostnames.isEmpty() ? List.of("localhost") : hostnames)
                    .engine(usableEngine(engine.engine()))
                    .peers(peers)
                    .peerFingerprints(FingerprintList.of(fps.toArray(new Fingerprint[0])))
                    .maxConnections(maxConnections)
                    .maxHandshakesInFlight(maxHandshakes)
                    .maxConnectionsPerAddress(maxConnectionsPerAddress)
                    .maxHandshakesPerAddress(maxHandshakesPerAddress)
                    .handshakeQueue(handshakeQueue, handshakeQueuePerAddress, handshakeQueueWait)
                    .registrationKey(System.getenv(registrationKeyEnv))
                    .maxRegistrationsPerAddressPerMinute(maxRegistrationsPerAddress)
                    .acceptLoops(acceptLoops)
                    .ticketKeyRotation(ticketKeyRotation)
                    .expiryWarningWindow(Duration.ofDays(expiryWarningDays))
                    .trustAnchorsPem(trustAnchors)
                    .jdbc(jdbcUrl, jdbcUser, System.getenv().getOrDefault(jdbcPasswordEnv, ""))
                    .initialAdminPassword(env == null || env.isEmpty() ? null : env.toCharArray())
                    .build();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        AuthorityServer server;
        try {
            server = AuthorityServer.start(config);
        } catch (RuntimeException e) {
            System.err.println("error: cannot start: " + rootMessage(e));
            return ExitCodes.USAGE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "tlslab-shutdown"));
        System.out.println(banner(server, config));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }

    static String banner(AuthorityServer s, ServerConfig c) {
        var console = s.certificates().identity(ListenerPurpose.CONSOLE);
        String db = c.jdbcUrl() == null || c.jdbcUrl().isBlank()
                ? c.dataDir().toAbsolutePath() + " (embedded H2)"
                : c.jdbcUrl();
        StringBuilder b = new StringBuilder();
        b.append("tlslab authority server ").append(s.serverId()).append(" is running\n");
        b.append("  console    https://")
                .append(c.bind())
                .append(':')
                .append(s.consolePort())
                .append("/console\n");
        b.append("             certificate SHA-256 ")
                .append(console.leafSha256())
                .append('\n');
        b.append("             certificate SHA-1   ").append(console.leafSha1()).append('\n');
        if (s.redirectPort() >= 0) {
            b.append("  redirect   http://")
                    .append(c.bind())
                    .append(':')
                    .append(s.redirectPort())
                    .append(" -> console\n");
        }
        b.append("  messaging  ")
                .append(c.bind())
                .append(':')
                .append(s.messagingPort())
                .append(" (endpoints), ")
                .append(c.bind())
                .append(':')
                .append(s.serverPort())
                .append(" (servers, mutual TLS)\n");
        b.append("             certificate SHA-256 ")
                .append(s.messagingFingerprintSha256())
                .append('\n');
        b.append("             engine ")
                .append(c.engine())
                .append(", transport ")
                .append(Transport.name())
                .append('\n');
        b.append("  database   ").append(db).append('\n');
        if (c.jdbcUrl() != null && !c.jdbcUrl().isBlank()) {
            b.append("             server name ")
                    .append(c.serverName())
                    .append(" (its own identity, certificates and saved properties)\n");
        }
        s.generatedAdminPassword()
                .ifPresent(p -> b.append("  admin      user 'admin', generated password: ")
                        .append(new String(p))
                        .append("   (shown once; set TLSLAB_ADMIN_PASSWORD on first start to choose it)\n"));
        b.append("Press Ctrl+C to stop.");
        return b.toString();
    }

    /** Our own exceptions already say what failed in one line; for others the root cause does. */
    private static String rootMessage(Throwable t) {
        Throwable r = t;
        while (!(r instanceof IllegalStateException
                        || r instanceof io.tlslab.server.store.StoreException
                        || r instanceof java.io.UncheckedIOException)
                && r.getCause() != null) {
            r = r.getCause();
        }
        String m = r.getMessage() == null ? r.toString() : r.getMessage();
        if (m.contains("address already in use")) {
            m = m + ": choose other ports with --console-port, --messaging-port, --server-port";
        }
        return m.lines().findFirst().orElse(m);
    }

    /** The engine named on the command line, refused with the reason when it cannot load here. */
    private static TlsEngine usableEngine(TlsEngine e) {
        if (!e.isAvailable()) {
            throw new IllegalArgumentException(e.unavailabilityReason() + "; use --engine jdk");
        }
        return e;
    }
}
