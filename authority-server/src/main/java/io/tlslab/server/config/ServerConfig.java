package io.tlslab.server.config;

import io.tlslab.protocol.settings.FingerprintList;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.retry.RetryPolicy;
import io.tlslab.tls.tickets.TicketKeyRing;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything an authority server is started with. Zero-config defaults are the vendor's ports on
 * 127.0.0.1 and a data directory under the working directory; a port of 0 binds an ephemeral port.
 *
 * @param redirectPort      plain-HTTP port that only redirects to the console; -1 disables it
 * @param peers             other servers of the environment ({@code host:port} of their 4288), the
 *                          targets of {@code save all}
 * @param peerFingerprints  certificates (SHA-1 or SHA-256 of the leaf) of the environment's servers,
 *                          accepted on 4288 in both directions
 * @param replicationRetry  how long a peer's outbox waits after a failed delivery before the next one
 * @param trustAnchorsPem   the environment's root certificates (PEM), or null: peers whose chain
 *                          validates strictly against them are accepted on 4288 too, and the strict
 *                          warning then also judges the served chain's root
 * @param serverName        this server's name among the servers sharing its database: keys its own
 *                          rows (identity, keystores, saved properties); {@code default} when alone
 */
public record ServerConfig(
        Path dataDir,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        String bind,
        int consolePort,
        int redirectPort,
        int messagingPort,
        int serverPort,
        List<String> hostnames,
        TlsEngine engine,
        int maxConnections,
        int maxHandshakesInFlight,
        Duration handshakeTimeout,
        Duration helloTimeout,
        Duration idleTimeout,
        Duration pingInterval,
        long hstsMaxAgeSeconds,
        Duration expiryWarningWindow,
        char[] initialAdminPassword,
        List<String> peers,
        FingerprintList peerFingerprints,
        Path trustAnchorsPem,
        int maxConnectionsPerAddress,
        int maxHandshakesPerAddress,
        long descriptorLimit,
        String registrationKey,
        int maxRegistrationsPerAddressPerMinute,
        RetryPolicy replicationRetry,
        AcceptLoops acceptLoops,
        String serverName,
        Duration ticketKeyRotation,
        int maxQueuedHandshakes,
        int maxQueuedHandshakesPerAddress,
        Duration handshakeQueueWait) {

    public ServerConfig {
        Objects.requireNonNull(replicationRetry, "replicationRetry");
        Objects.requireNonNull(dataDir, "dataDir");
        io.tlslab.server.store.ServerName.check(serverName);
        Objects.requireNonNull(ticketKeyRotation, "ticketKeyRotation");
        hostnames = List.copyOf(hostnames);
        peers = List.copyOf(peers);
        Objects.requireNonNull(peerFingerprints, "peerFingerprints");
        for (int p : new int[] {consolePort, messagingPort, serverPort}) {
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("port " + p + " out of range: expected 0 (ephemeral) to 65535");
            }
        }
        if (maxConnectionsPerAddress < 1 || maxHandshakesPerAddress < 1) {
            throw new IllegalArgumentException("per-address limits must be at least 1");
        }
        if (maxQueuedHandshakes < 0 || maxQueuedHandshakesPerAddress < 0) {
            throw new IllegalArgumentException("handshake queue limits must be 0 (no queue) or more");
        }
        Objects.requireNonNull(handshakeQueueWait, "handshakeQueueWait");
        if (handshakeQueueWait.isNegative() || handshakeQueueWait.isZero()) {
            throw new IllegalArgumentException("handshake queue wait must be positive, got " + handshakeQueueWait);
        }
        Objects.requireNonNull(acceptLoops, "acceptLoops");
        if (redirectPort < -1 || redirectPort > 65535) {
            throw new IllegalArgumentException(
                    "redirect port " + redirectPort + " out of range: expected -1 (off) to 65535");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.dataDir = dataDir;
        b.jdbcUrl = jdbcUrl;
        b.jdbcUser = jdbcUser;
        b.jdbcPassword = jdbcPassword;
        b.bind = bind;
        b.consolePort = consolePort;
        b.redirectPort = redirectPort;
        b.messagingPort = messagingPort;
        b.serverPort = serverPort;
        b.hostnames = hostnames;
        b.engine = engine;
        b.maxConnections = maxConnections;
        b.maxHandshakesInFlight = maxHandshakesInFlight;
        b.handshakeTimeout = handshakeTimeout;
        b.helloTimeout = helloTimeout;
        b.idleTimeout = idleTimeout;
        b.pingInterval = pingInterval;
        b.hstsMaxAgeSeconds = hstsMaxAgeSeconds;
        b.expiryWarningWindow = expiryWarningWindow;
        b.initialAdminPassword = initialAdminPassword;
        b.peers = peers;
        b.peerFingerprints = peerFingerprints;
        b.trustAnchorsPem = trustAnchorsPem;
        b.maxConnectionsPerAddress = maxConnectionsPerAddress;
        b.maxHandshakesPerAddress = maxHandshakesPerAddress;
        b.descriptorLimit = descriptorLimit;
        b.registrationKey = registrationKey;
        b.maxRegistrationsPerAddressPerMinute = maxRegistrationsPerAddressPerMinute;
        b.replicationRetry = replicationRetry;
        b.acceptLoops = acceptLoops;
        b.serverName = serverName;
        b.ticketKeyRotation = ticketKeyRotation;
        b.maxQueuedHandshakes = maxQueuedHandshakes;
        b.maxQueuedHandshakesPerAddress = maxQueuedHandshakesPerAddress;
        b.handshakeQueueWait = handshakeQueueWait;
        return b;
    }

    /** Builder with the defaults; every setter returns the builder. */
    public static final class Builder {
        private Path dataDir = Path.of("tlslab-data");
        private String jdbcUrl;
        private String jdbcUser = "";
        private String jdbcPassword = "";
        private String bind = "127.0.0.1";
        private int consolePort = 4285;
        private int redirectPort = -1;
        private int messagingPort = 4287;
        private int serverPort = 4288;
        private List<String> hostnames = List.of("localhost");
        private TlsEngine engine = TlsEngine.preferred();
        private int maxConnections = 20_000;
        private int maxHandshakesInFlight = 512;
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private Duration helloTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofSeconds(90);
        private Duration pingInterval = Duration.ofSeconds(30);
        private long hstsMaxAgeSeconds = 31_536_000L;
        private Duration expiryWarningWindow = Duration.ofDays(30);
        private char[] initialAdminPassword;
        private List<String> peers = List.of();
        private FingerprintList peerFingerprints = FingerprintList.empty();
        private Path trustAnchorsPem;
        private int maxConnectionsPerAddress = 512;
        private int maxHandshakesPerAddress = 64;
        private long descriptorLimit;
        private String registrationKey;
        private int maxRegistrationsPerAddressPerMinute = 20;
        private RetryPolicy replicationRetry = RetryPolicy.exponential(Duration.ofSeconds(1), Duration.ofSeconds(60));
        private AcceptLoops acceptLoops = AcceptLoops.AUTO;
        private String serverName = io.tlslab.server.store.Store.DEFAULT_SERVER_NAME;
        private Duration ticketKeyRotation = TicketKeyRing.DEFAULT_ROTATION;
        // a reconnecting fleet of 60 addresses x 250 fits: 64 handshaking and 186 waiting per address
        private int maxQueuedHandshakes = 16_384;
        private int maxQueuedHandshakesPerAddress = 256;
        private Duration handshakeQueueWait = Duration.ofSeconds(10);

        public Builder dataDir(Path v) {
            dataDir = v;
            return this;
        }
        /** A JDBC URL instead of the embedded H2 in the data directory, e.g. jdbc:postgresql://db/tlslab. */
        public Builder jdbc(String url, String user, String password) {
            jdbcUrl = url;
            jdbcUser = user;
            jdbcPassword = password;
            return this;
        }

        public Builder bind(String v) {
            bind = v;
            return this;
        }

        public Builder consolePort(int v) {
            consolePort = v;
            return this;
        }

        public Builder redirectPort(int v) {
            redirectPort = v;
            return this;
        }

        public Builder messagingPort(int v) {
            messagingPort = v;
            return this;
        }

        public Builder serverPort(int v) {
            serverPort = v;
            return this;
        }
        /** Extra names for the self-signed certificate's SAN (localhost is always added). */
        public Builder hostnames(List<String> v) {
            hostnames = v;
            return this;
        }

        public Builder engine(TlsEngine v) {
            engine = v;
            return this;
        }

        public Builder maxConnections(int v) {
            maxConnections = v;
            return this;
        }

        public Builder maxHandshakesInFlight(int v) {
            maxHandshakesInFlight = v;
            return this;
        }

        public Builder handshakeTimeout(Duration v) {
            handshakeTimeout = v;
            return this;
        }

        public Builder helloTimeout(Duration v) {
            helloTimeout = v;
            return this;
        }

        public Builder idleTimeout(Duration v) {
            idleTimeout = v;
            return this;
        }

        public Builder pingInterval(Duration v) {
            pingInterval = v;
            return this;
        }

        public Builder hstsMaxAgeSeconds(long v) {
            hstsMaxAgeSeconds = v;
            return this;
        }

        public Builder expiryWarningWindow(Duration v) {
            expiryWarningWindow = v;
            return this;
        }
        /** The first admin's password, used only when the database has no admin yet. */
        public Builder initialAdminPassword(char[] v) {
            initialAdminPassword = v == null ? null : v.clone();
            return this;
        }

        public Builder peers(List<String> v) {
            peers = v;
            return this;
        }

        public Builder peerFingerprints(FingerprintList v) {
            peerFingerprints = v;
            return this;
        }
        /** PEM file of the environment's roots (4288 peer validation, strict warning); null for none. */
        public Builder trustAnchorsPem(Path v) {
            trustAnchorsPem = v;
            return this;
        }

        /** Connections one client address may hold on a listener (a NAT in front of a fleet may need more). */
        public Builder maxConnectionsPerAddress(int v) {
            maxConnectionsPerAddress = v;
            return this;
        }
        /** TLS handshakes one client address may have in progress on a listener. */
        /**
         * Connections held, reading paused, while every handshake slot is taken (0: close them at once,
         * as beyond the connection limits); at most {@code perAddress} from one address, each for at most
         * {@code wait}.
         */
        public Builder handshakeQueue(int total, int perAddress, Duration wait) {
            maxQueuedHandshakes = total;
            maxQueuedHandshakesPerAddress = perAddress;
            handshakeQueueWait = wait;
            return this;
        }

        public Builder maxHandshakesPerAddress(int v) {
            maxHandshakesPerAddress = v;
            return this;
        }
        /** The descriptor limit the connection caps derive from; 0 reads the process's own (tests set it). */
        public Builder descriptorLimit(long v) {
            descriptorLimit = v;
            return this;
        }

        /**
         * The organization registration key endpoints present on first contact; null or empty: any
         * endpoint may register (trust on first use), and is then bound to the credential it receives.
         */
        public Builder registrationKey(String v) {
            registrationKey = v;
            return this;
        }

        /** How long one TLS 1.3 session-ticket key encrypts on the messaging ports (OpenSSL engine). */
        public Builder ticketKeyRotation(Duration v) {
            ticketKeyRotation = v;
            return this;
        }

        /** Listening sockets per messaging port (default {@link AcceptLoops#AUTO}); see {@link AcceptLoops}. */
        public Builder acceptLoops(AcceptLoops v) {
            acceptLoops = v;
            return this;
        }

        /** New devices one client address may register per minute. */
        public Builder maxRegistrationsPerAddressPerMinute(int v) {
            maxRegistrationsPerAddressPerMinute = v;
            return this;
        }

        /** Backoff between delivery attempts to a peer that did not answer (default exponential:1s:60s). */
        public Builder replicationRetry(RetryPolicy v) {
            replicationRetry = v;
            return this;
        }

        /**
         * This server's name among the servers sharing one database (a JDBC URL): each needs its own,
         * as its identity, certificates and saved properties are keyed by it.
         */
        public Builder serverName(String v) {
            serverName = v;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(
                    dataDir,
                    jdbcUrl,
                    jdbcUser,
                    jdbcPassword,
                    bind,
                    consolePort,
                    redirectPort,
                    messagingPort,
                    serverPort,
                    hostnames,
                    engine,
                    maxConnections,
                    maxHandshakesInFlight,
                    handshakeTimeout,
                    helloTimeout,
                    idleTimeout,
                    pingInterval,
                    hstsMaxAgeSeconds,
                    expiryWarningWindow,
                    initialAdminPassword,
                    peers,
                    peerFingerprints,
                    trustAnchorsPem,
                    maxConnectionsPerAddress,
                    maxHandshakesPerAddress,
                    descriptorLimit,
                    registrationKey,
                    maxRegistrationsPerAddressPerMinute,
                    replicationRetry,
                    acceptLoops,
                    serverName,
                    ticketKeyRotation,
                    maxQueuedHandshakes,
                    maxQueuedHandshakesPerAddress,
                    handshakeQueueWait);
        }
    }
}
