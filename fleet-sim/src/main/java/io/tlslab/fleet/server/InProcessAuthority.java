package io.tlslab.fleet.server;

import io.tlslab.server.AuthorityServer;
import io.tlslab.tls.TlsEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An authority server started inside the fleet's JVM on loopback, ephemeral ports, with its embedded
 * store in a throwaway directory that is deleted on close: the target conformance and load runs start
 * for themselves.
 */
public final class InProcessAuthority implements AutoCloseable {

    private final Path dataDir;
    private final boolean deleteOnClose;
    private AuthorityServer server;

    private InProcessAuthority(AuthorityServer server, Path dataDir, boolean deleteOnClose) {
        this.server = server;
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
    }

    /** A throwaway server: temporary data directory, ephemeral ports. */
    public static InProcessAuthority startThrowaway(TlsEngine engine) {
        return startThrowaway(engine, 0);
    }

    /** A throwaway server whose endpoint listener binds {@code messagingPort} (0: ephemeral). */
    public static InProcessAuthority startThrowaway(TlsEngine engine, int messagingPort) {
        return startThrowaway(engine, messagingPort, config -> {});
    }

    /** As above, with {@code tune} adjusting the configuration (timeouts, ping interval...) first. */
    public static InProcessAuthority startThrowaway(
            TlsEngine engine,
            int messagingPort,
            java.util.function.Consumer<io.tlslab.server.config.ServerConfig.Builder> tune) {
        return startThrowaway(engine, messagingPort, tune, b -> {});
    }

    /**
     * As above, serving {@code leaf} and {@code chain} (see {@link #serve}) from the first connection on:
     * an endpoint never meets the server's default certificate.
     */
    public static InProcessAuthority startThrowaway(
            TlsEngine engine,
            int messagingPort,
            java.util.function.Consumer<io.tlslab.server.config.ServerConfig.Builder> tune,
            io.tlslab.ca.HeldCertificate leaf,
            java.util.List<java.security.cert.X509Certificate> chain) {
        return startThrowaway(engine, messagingPort, tune, b -> b.messagingCertificate(leaf, chain));
    }

    private static InProcessAuthority startThrowaway(
            TlsEngine engine,
            int messagingPort,
            java.util.function.Consumer<io.tlslab.server.config.ServerConfig.Builder> tune,
            java.util.function.Consumer<AuthorityServer.Builder> serving) {
        Path dir;
        try {
            dir = Files.createTempDirectory("tlslab-fleet-server-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary data directory: " + e.getMessage(), e);
        }
        try {
            AuthorityServer.Builder b = AuthorityServer.builder()
                    .dataDir(dir)
                    .bind("127.0.0.1")
                    .consolePort(0)
                    .messagingPort(messagingPort)
                    .serverPort(0)
                    .engine(engine);
            // a simulated fleet registers from one loopback address: lift the per-address cap on new
            // devices (a caller's tune may set it back to test the cap itself)
            b.config().maxRegistrationsPerAddressPerMinute(Integer.MAX_VALUE);
            tune.accept(b.config());
            serving.accept(b);
            AuthorityServer s = b.start();
            return new InProcessAuthority(s, dir, true);
        } catch (RuntimeException e) {
            deleteRecursively(dir);
            throw e;
        }
    }

    /**
     * A server with the given configuration (ports, data directory, admin password...), kept on close
     * unless {@code deleteOnClose}.
     */
    public static InProcessAuthority start(AuthorityServer.Builder builder, Path dataDir, boolean deleteOnClose) {
        return new InProcessAuthority(builder.dataDir(dataDir).start(), dataDir, deleteOnClose);
    }

    /**
     * Serves a key and chain on the messaging listeners, installed (persisted) when the server accepts
     * it as a keystore, so that a restart keeps serving it; a chain the importer refuses (a broken
     * scenario) is presented for this run of the server only.
     */
    public void serve(io.tlslab.ca.HeldCertificate leaf, java.util.List<java.security.cert.X509Certificate> chain) {
        server.serve(leaf, chain);
    }

    public AuthorityServer server() {
        return server;
    }

    /** Restarts on the same ports and data, as an admin would (the new instance replaces the old). */
    public AuthorityServer restart() {
        server = server.restart();
        return server;
    }

    @Override
    public void close() {
        server.close();
        if (deleteOnClose) {
            deleteRecursively(dataDir);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover temporary directory is harmless
        }
    }
}
