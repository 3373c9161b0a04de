package io.tlslab.server;

import io.netty.channel.EventLoopGroup;
import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.store.KeyStores;
import io.tlslab.protocol.settings.Fingerprint;
import io.tlslab.protocol.settings.FingerprintList;
import io.tlslab.protocol.settings.PropertyKey;
import io.tlslab.server.cert.CertificateImportException;
import io.tlslab.server.cert.CertificateService;
import io.tlslab.server.cert.ListenerPurpose;
import io.tlslab.server.command.Actor;
import io.tlslab.server.command.CommandProcessor;
import io.tlslab.server.command.CommandResult;
import io.tlslab.server.config.ServerConfig;
import io.tlslab.server.console.ConsoleServer;
import io.tlslab.server.console.auth.AdminAccounts;
import io.tlslab.server.device.DeviceAdministration;
import io.tlslab.server.device.DeviceIdentity;
import io.tlslab.server.device.DeviceRegistry;
import io.tlslab.server.device.StrictReadiness;
import io.tlslab.server.messaging.ConnectionBudget;
import io.tlslab.server.messaging.EndpointSession;
import io.tlslab.server.messaging.ListenerKind;
import io.tlslab.server.messaging.MessagingListener;
import io.tlslab.server.messaging.PeerSession;
import io.tlslab.server.messaging.PeerTrust;
import io.tlslab.server.messaging.SessionHub;
import io.tlslab.server.metrics.ServerMetrics;
import io.tlslab.server.properties.PushedSettings;
import io.tlslab.server.properties.ServerProperties;
import io.tlslab.server.properties.SystemSettings;
import io.tlslab.server.replication.PeerConnector;
import io.tlslab.server.replication.ReplicationApplier;
import io.tlslab.server.replication.ReplicationOutbox;
import io.tlslab.server.store.Database;
import io.tlslab.server.store.DeviceRecord;
import io.tlslab.server.store.Store;
import io.tlslab.server.warn.WarningMonitor;
import io.tlslab.server.warn.Warnings;
import io.tlslab.tls.Transport;
import io.tlslab.tls.identity.ServedIdentity;
import io.tlslab.tls.validation.CertificateValidator;
import io.tlslab.tls.validation.TrustAnchors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An authority server: the store, the console (4285, optional 4280), the endpoint listener (4287)
 * and the server-to-server listener (4288). Start one with {@link #builder()}; ports of 0 bind
 * ephemeral ports, read back with {@link #messagingPort()} and friends. The same class serves the
 * CLI's {@code start}, the tests and the fleet simulator (which also uses {@link #present} to serve
 * scenario certificates).
 */
public final class AuthorityServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuthorityServer.class);

    private final ServerConfig config;
    private final Clock clock;
    private final Store store;
    private final String serverId;
    private final ServerMetrics metrics = new ServerMetrics();
    private final ServerProperties properties;
    private final SystemSettings settings;
    private final CertificateService certificates;
    private final AdminAccounts admins;
    private final DeviceRegistry devices;
    private final DeviceIdentity identity;
    private final java.util.concurrent.ExecutorService registrations;
    private final Warnings warnings;
    private final WarningMonitor warningMonitor;
    private final PushedSettings pushed;
    private final SessionHub hub;
    private final CommandProcessor commands;
    private final ReplicationOutbox replication;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final boolean useHttpsCertificate;
    private final MessagingListener endpointListener;
    private final MessagingListener serverListener;
    private final ServerConsoleView consoleView;
    private final ConsoleServer console;
    private final Optional<char[]> generatedAdminPassword;
    private final ScheduledFuture<?> housekeeping;
    /** Null for a database of its own (embedded H2): nobody else writes it. */
    private final SharedStoreSync sharedStore;

    private ScheduledFuture<?> sharedStoreSync;
    private int consolePort;
    private int redirectPort = -1;
    private int messagingPort;
    private int serverPort;
    private volatile boolean closed;

    private AuthorityServer(ServerConfig config, FirstCertificate first) throws SSLException, InterruptedException {
        this.config = config;
        this.clock = Clock.systemUTC();
        this.store = openStore(config);
        boolean started = false;
        EventLoopGroup bossGroup = null;
        EventLoopGroup workerGroup = null;
        try {
            this.serverId = store.getOrCreate(store.meta()::serverId);
            this.properties = new ServerProperties(store.tx(store.properties()::all));
            this.settings = new SystemSettings(store.tx(store.settings()::all));
            this.certificates = new CertificateService(store, config.hostnames(), clock);
            this.sharedStore = sharesDatabase(config) ? new SharedStoreSync(store, settings) : null;
            if (sharedStore != null) {
                sharedStore.run(); // the other servers' certificates are members on 4288 from the start
            }
            this.admins = new AdminAccounts(store);
            this.generatedAdminPassword = admins.ensureFirstAdmin(config.initialAdminPassword());
            this.devices = new DeviceRegistry(store);
            this.registrations = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "tlslab-registrations");
                t.setDaemon(true);
                return t;
            });
            this.identity = new DeviceIdentity(
                    store, config.registrationKey(), config.maxRegistrationsPerAddressPerMinute(), registrations);
            this.warnings = new Warnings(metrics);
            this.pushed = new PushedSettings(settings, properties);
            this.hub = new SessionHub(pushed::current);
            bossGroup = Transport.group(1);
            // one event loop per core: Netty's default (2 x cores) only adds context switches to a
            // CPU-bound handshake path
            workerGroup = Transport.group(Runtime.getRuntime().availableProcessors());
            this.boss = bossGroup;
            this.workers = workerGroup;

            // The article: useHttpsCertificate is read once, at start-up.
            this.useHttpsCertificate = properties.booleanValue(PropertyKey.USE_HTTPS_CERTIFICATE);
            // a first certificate goes in before anything listens, so no endpoint ever meets the default one
            ServedIdentity presentedOnly = first == null || installed(first.leaf(), first.chain())
                    ? null
                    : new ServedIdentity(first.leaf().privateKey(), first.chain());
            ServedIdentity messagingIdentity = presentedOnly != null
                    ? presentedOnly
                    : certificates.identity(useHttpsCertificate ? ListenerPurpose.CONSOLE : ListenerPurpose.MESSAGING);
            TrustAnchors anchors =
                    config.trustAnchorsPem() == null ? null : TrustAnchors.fromPem(config.trustAnchorsPem());
            PeerTrust peerTrust =
                    new PeerTrust(this::environmentMembers, anchors == null ? null : new CertificateValidator(anchors));
            // one retire / delete for the console and the CLI alike
            DeviceAdministration deviceAdministration = new DeviceAdministration(devices, identity, hub);
            this.replication = new ReplicationOutbox(
                    store,
                    serverId,
                    config.peers(),
                    new PeerConnector(
                            serverId,
                            workers,
                            config.engine(),
                            () -> serverListener().presented(),
                            peerTrust,
                            metrics,
                            Duration.ofSeconds(10)),
                    config.replicationRetry(),
                    Duration.ofSeconds(10),
                    clock);
            ReplicationOutbox replicator = replication;
            this.commands =
                    new CommandProcessor(store, properties, settings, replicator, serverId, deviceAdministration);
            ConnectionBudget budget = ConnectionBudget.of(
                    config.descriptorLimit() > 0 ? config.descriptorLimit() : ConnectionBudget.processDescriptorLimit(),
                    config.maxConnections());
            log.info(
                    "connection caps: {}; per address {} connections and {} handshakes in progress; beyond the"
                            + " handshake limits up to {} connections wait ({} per address, at most {})",
                    budget.describe(),
                    config.maxConnectionsPerAddress(),
                    config.maxHandshakesPerAddress(),
                    config.maxQueuedHandshakes(),
                    config.maxQueuedHandshakesPerAddress(),
                    io.tlslab.protocol.settings.Durations.format(config.handshakeQueueWait()));
            this.endpointListener = new MessagingListener(
                    ListenerKind.ENDPOINTS,
                    config,
                    messagingIdentity,
                    null,
                    metrics,
                    hello -> new EndpointSession(hub, devices, identity, metrics),
                    budget.endpointConnections());
            this.serverListener = new MessagingListener(
                    ListenerKind.SERVERS,
                    config,
                    messagingIdentity,
                    peerTrust,
                    metrics,
                    hello -> new PeerSession(new ReplicationApplier(store, properties, clock)::apply, hub, metrics),
                    budget.serverConnections());
            StrictReadiness readiness = new StrictReadiness(
                    endpointListener::presented,
                    () -> FingerprintList.parse(properties.value(PropertyKey.TRUSTED_FINGERPRINTS)));
            this.consoleView = new ServerConsoleView(
                    commands,
                    certificates,
                    endpointListener::presented,
                    serverListener::presented,
                    useHttpsCertificate,
                    devices,
                    readiness,
                    hub,
                    pushed,
                    warnings,
                    store,
                    metrics,
                    admins,
                    clock,
                    deviceAdministration);
            this.console = new ConsoleServer(
                    consoleView,
                    certificates.identity(ListenerPurpose.CONSOLE),
                    config.engine(),
                    config.hstsMaxAgeSeconds(),
                    clock);
            this.warningMonitor = new WarningMonitor(
                    warnings,
                    this::servedIdentities,
                    () -> settings.booleanValue(PropertyKey.STRICT_VALIDATION),
                    () -> FingerprintList.parse(properties.value(PropertyKey.TRUSTED_FINGERPRINTS)),
                    config.hostnames().isEmpty()
                            ? "localhost"
                            : config.hostnames().get(0),
                    anchors,
                    config.expiryWarningWindow(),
                    clock);
            console.publicHost(
                    config.hostnames().isEmpty() ? null : config.hostnames().get(0));
            wireChangeListeners();
            ServerGauges.register(
                    metrics, hub, devices, readiness, settings, certificates, endpointListener::presented, clock);

            messagingPort = endpointListener.bind(boss, workers, config.messagingPort());
            serverPort = serverListener.bind(boss, workers, config.serverPort());
            consolePort = console.bind(boss, workers, config.bind(), config.consolePort());
            if (config.redirectPort() >= 0) {
                redirectPort = console.bindRedirect(boss, workers, config.bind(), config.redirectPort());
            }
            warningMonitor.evaluate();
            replication.start();
            housekeeping = workers.next()
                    .scheduleWithFixedDelay(new Housekeeping(devices, warningMonitor), 1, 1, TimeUnit.SECONDS);
            if (sharedStore != null) {
                sharedStoreSync = workers.next()
                        .scheduleWithFixedDelay(
                                sharedStore,
                                SHARED_STORE_POLL.toMillis(),
                                SHARED_STORE_POLL.toMillis(),
                                TimeUnit.MILLISECONDS);
            }
            started = true;
            log.info(
                    "authority server {} ({}) started: console https://{}:{}/console, messaging {}:{}, servers {}:{},"
                            + " engine {}, transport {}",
                    serverId,
                    store.serverName(),
                    config.bind(),
                    consolePort,
                    config.bind(),
                    messagingPort,
                    config.bind(),
                    serverPort,
                    config.engine(),
                    Transport.name());
        } finally {
            if (!started) {
                // a listener that did bind is closed with its event loops; the database lock is released
                shutdownQuietly(bossGroup, workerGroup);
                store.close();
            }
        }
    }

    public static Builder builder() {
        return new Builder(ServerConfig.builder());
    }

    /** Starts a server from a full configuration. */
    public static AuthorityServer start(ServerConfig config) {
        return start(config, null);
    }

    private static AuthorityServer start(ServerConfig config, FirstCertificate first) {
        try {
            return new AuthorityServer(config, first);
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS context: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the listeners", e);
        }
    }

    /** Configuration of an in-process server; {@link #start()} binds everything. */
    public static final class Builder {
        private final ServerConfig.Builder config;
        private FirstCertificate first;

        Builder(ServerConfig.Builder config) {
            this.config = config;
        }

        /** The underlying configuration builder, for every knob (limits, timeouts, peers...). */
        public ServerConfig.Builder config() {
            return config;
        }

        public Builder dataDir(java.nio.file.Path dir) {
            config.dataDir(dir);
            return this;
        }

        public Builder bind(String host) {
            config.bind(host);
            return this;
        }

        public Builder consolePort(int port) {
            config.consolePort(port);
            return this;
        }

        public Builder redirectPort(int port) {
            config.redirectPort(port);
            return this;
        }

        public Builder messagingPort(int port) {
            config.messagingPort(port);
            return this;
        }

        public Builder serverPort(int port) {
            config.serverPort(port);
            return this;
        }

        public Builder engine(io.tlslab.tls.TlsEngine engine) {
            config.engine(engine);
            return this;
        }

        public Builder hostnames(List<String> names) {
            config.hostnames(names);
            return this;
        }

        public Builder adminPassword(String password) {
            config.initialAdminPassword(password.toCharArray());
            return this;
        }

        public Builder peers(List<String> hostPorts) {
            config.peers(hostPorts);
            return this;
        }

        public Builder peerFingerprints(FingerprintList members) {
            config.peerFingerprints(members);
            return this;
        }

        public Builder trustAnchorsPem(java.nio.file.Path pem) {
            config.trustAnchorsPem(pem);
            return this;
        }

        /**
         * The messaging listeners' certificate from the first connection on: installed (persisted, as
         * an admin's import would be, so a restart keeps it) before the listeners bind; a chain the
         * importer refuses (a broken lab scenario) is presented for this run only, as by {@link #serve}.
         */
        public Builder messagingCertificate(HeldCertificate leaf, List<X509Certificate> chain) {
            first = new FirstCertificate(leaf, List.copyOf(chain));
            return this;
        }

        public AuthorityServer start() {
            return AuthorityServer.start(config.build(), first);
        }
    }

    // ---- the Java API --------------------------------------------------------------------

    public ServerConfig config() {
        return config;
    }

    public String serverId() {
        return serverId;
    }

    public int consolePort() {
        return consolePort;
    }

    /** The redirect-only HTTP port, or -1 when off. */
    public int redirectPort() {
        return redirectPort;
    }

    public int messagingPort() {
        return messagingPort;
    }

    public int serverPort() {
        return serverPort;
    }

    /** The first admin's generated password, when none was configured on first start (print it once). */
    public Optional<char[]> generatedAdminPassword() {
        return generatedAdminPassword.map(char[]::clone);
    }

    /** Runs a console command as the given admin (e.g. {@code new Actor("fleet-sim", "api")}). */
    public CommandResult execute(String commandLine, Actor actor) {
        return commands.execute(commandLine, actor);
    }

    public CommandResult execute(String commandLine) {
        return execute(commandLine, new Actor("admin", "api"));
    }

    /**
     * Serves a key and chain on 4287 and 4288: installed (persisted) when the importer accepts it, so that
     * a restart keeps serving it; a chain it refuses (a broken lab scenario) is {@link #present presented}
     * for this run only.
     */
    public void serve(HeldCertificate leaf, List<X509Certificate> chain) {
        if (!installed(leaf, chain)) {
            present(leaf.privateKey(), chain);
        }
    }

    /** Installs for the messaging listeners as an admin's import would; false when the importer refuses it. */
    private boolean installed(HeldCertificate leaf, List<X509Certificate> chain) {
        char[] password = KeyStores.DEFAULT_PASSWORD.toCharArray();
        try {
            byte[] p12 = KeyStores.encodeKeyStore(KeyStores.Type.PKCS12, leaf, chain, password);
            certificates.install(ListenerPurpose.MESSAGING, p12, password, null, new Actor("java-api", "api"));
            return true;
        } catch (CertificateImportException | RuntimeException e) {
            return false;
        }
    }

    private record FirstCertificate(HeldCertificate leaf, List<X509Certificate> chain) {}

    /**
     * Serves this key and chain on 4287 and 4288 from the next connection on, exactly as given (leaf
     * first, any order, any defect): how the lab presents scenario certificates. Not persisted; a
     * restart serves the configured certificate again.
     */
    public void present(PrivateKey key, List<X509Certificate> chain) {
        ServedIdentity identity = new ServedIdentity(key, chain);
        try {
            endpointListener.present(identity);
            serverListener.present(identity);
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot serve this key and chain: " + e.getMessage(), e);
        }
        warningMonitor.evaluate();
    }

    /** The chain 4287 serves right now (leaf first). */
    public List<X509Certificate> presentedChain() {
        return endpointListener.presented().chain();
    }

    public Fingerprint messagingFingerprintSha256() {
        return endpointListener.presented().leafSha256();
    }

    public Fingerprint consoleFingerprintSha256() {
        return certificates.identity(ListenerPurpose.CONSOLE).leafSha256();
    }

    public CertificateService certificates() {
        return certificates;
    }

    public List<DeviceRecord> devices() {
        return devices.all();
    }

    public int connectedEndpoints() {
        return hub.size();
    }

    /** Connections 4287 holds from this client address now. */
    public int openMessagingConnectionsFrom(java.net.InetAddress address) {
        return endpointListener.admission().connectionsFrom(address);
    }

    /** The admission limits 4287 applies (after the descriptor budget). */
    public io.tlslab.server.messaging.Admission.Limits endpointAdmission() {
        return endpointListener.admission().limits();
    }

    public Map<String, String> warnings() {
        return consoleView.warnings();
    }

    /** The metrics in Prometheus text format, as {@code /metrics} serves them. */
    public String prometheus() {
        return metrics.scrape();
    }

    /** Stops and starts again on the same ports and data: what an admin's restart does. */
    public AuthorityServer restart() {
        ServerConfig again = config.toBuilder()
                .consolePort(consolePort)
                .messagingPort(messagingPort)
                .serverPort(serverPort)
                .redirectPort(redirectPort)
                .build();
        close();
        return start(again);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        housekeeping.cancel(false);
        replication.close();
        if (sharedStoreSync != null) {
            sharedStoreSync.cancel(false);
        }
        endpointListener.close();
        serverListener.close();
        console.close();
        shutdownQuietly(boss, workers);
        console.shutdownHandlers();
        registrations.shutdown();
        devices.flush();
        store.close();
        log.info("authority server {} stopped", serverId);
    }

    // ---- internals -------------------------------------------------------------------------

    private MessagingListener serverListener() {
        return serverListener;
    }

    /** How soon a change another server made to a shared database takes effect here. */
    static final Duration SHARED_STORE_POLL = Duration.ofSeconds(2);

    /** A JDBC URL may be shared with other servers; the embedded H2 in the data directory never is (file lock). */
    private static boolean sharesDatabase(ServerConfig config) {
        return config.jdbcUrl() != null && !config.jdbcUrl().isBlank();
    }

    /** The store under this server's name; the database is closed again when the name is taken. */
    private static Store openStore(ServerConfig config) {
        Database db = openDatabase(config);
        try {
            return new Store(db, config.serverName());
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static Database openDatabase(ServerConfig config) {
        if (config.jdbcUrl() != null && !config.jdbcUrl().isBlank()) {
            return Database.open(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword());
        }
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create the data directory " + config.dataDir() + ": " + e.getMessage(), e);
        }
        return Database.embedded(config.dataDir());
    }

    private static void shutdownQuietly(EventLoopGroup... groups) {
        for (EventLoopGroup g : groups) {
            if (g != null) {
                g.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
    }

    private void wireChangeListeners() {
        final boolean[] strictWas = {settings.booleanValue(PropertyKey.STRICT_VALIDATION)};
        settings.onChange(key -> {
            hub.pushSettings();
            if (key.equals(PropertyKey.STRICT_VALIDATION.key())) {
                boolean now = settings.booleanValue(PropertyKey.STRICT_VALIDATION);
                warningMonitor.strictChanged(strictWas[0], now);
                strictWas[0] = now;
            }
        });
        properties.onChange(key -> {
            if (key.equals(PropertyKey.TRUSTED_FINGERPRINTS.key())) {
                hub.pushSettings();
                warningMonitor.evaluate();
            }
        });
        certificates.onChange((purpose, identity) -> {
            try {
                if (purpose == ListenerPurpose.CONSOLE) {
                    console.present(identity);
                } else if (!useHttpsCertificate) {
                    endpointListener.present(identity);
                    serverListener.present(identity);
                }
            } catch (SSLException e) {
                log.error("cannot serve the new {} certificate: {}", purpose.id(), e.getMessage());
            }
            warningMonitor.evaluate();
        });
    }

    private Map<String, ServedIdentity> servedIdentities() {
        Map<String, ServedIdentity> m = new LinkedHashMap<>();
        m.put("console", certificates.identity(ListenerPurpose.CONSOLE));
        if (endpointListener != null) {
            m.put("messaging", endpointListener.presented());
        }
        return m;
    }

    /**
     * Servers whose certificates 4288 accepts: configured members, the allowlist, and the servers
     * sharing this database.
     */
    private FingerprintList environmentMembers() {
        Set<Fingerprint> all = new LinkedHashSet<>(config.peerFingerprints().fingerprints());
        all.addAll(FingerprintList.parse(properties.value(PropertyKey.TRUSTED_FINGERPRINTS))
                .fingerprints());
        if (sharedStore != null) {
            all.addAll(sharedStore.peerCertificates());
        }
        return FingerprintList.of(all.toArray(new Fingerprint[0]));
    }
}
