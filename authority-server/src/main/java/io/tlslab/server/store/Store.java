package io.tlslab.server.store;

/**
 * The database plus its repositories: one object to hand to the services. Several servers may share
 * one database; the rows that belong to one server (identity, keystores, saved properties, applied
 * replication sequences) are those of {@link #serverName()}, the rest is the environment's.
 */
public final class Store implements AutoCloseable {
    /** The server name of a server started without one: what every row of a single server was before names. */
    public static final String DEFAULT_SERVER_NAME = "default";

    private final Database db;
    private final String serverName;
    /** Null on an embedded database (one server per file). */
    private final ServerNameLock nameLock;

    private final PropertyRepository properties;
    private final SettingRepository settings = new SettingRepository();
    private final KeystoreRepository keystores;
    private final DeviceRepository devices = new DeviceRepository();
    private final AdminRepository admins = new AdminRepository();
    private final AuditLogRepository auditLog = new AuditLogRepository();
    private final MetaRepository meta;
    private final SessionRepository sessions = new SessionRepository();
    private final ReplicationInboxRepository replicationInbox;
    private final DeviceCredentialRepository deviceCredentials = new DeviceCredentialRepository();
    private final ReplicationOutboxRepository replicationOutbox;

    public Store(Database db) {
        this(db, DEFAULT_SERVER_NAME);
    }

    /** @param serverName this server's name among the servers of the database ({@link ServerName}) */
    public Store(Database db, String serverName) {
        this.db = db;
        this.serverName = ServerName.check(serverName);
        this.properties = new PropertyRepository(serverName);
        this.keystores = new KeystoreRepository(serverName);
        this.meta = new MetaRepository(serverName);
        this.replicationInbox = new ReplicationInboxRepository(serverName);
        this.replicationOutbox = new ReplicationOutboxRepository(serverName);
        this.nameLock = db.url().startsWith("jdbc:postgresql:") ? ServerNameLock.acquire(db, serverName) : null;
    }

    public String serverName() {
        return serverName;
    }

    public Database db() {
        return db;
    }

    public PropertyRepository properties() {
        return properties;
    }

    public SettingRepository settings() {
        return settings;
    }

    public KeystoreRepository keystores() {
        return keystores;
    }

    public DeviceRepository devices() {
        return devices;
    }

    public AdminRepository admins() {
        return admins;
    }

    public AuditLogRepository auditLog() {
        return auditLog;
    }

    public DeviceCredentialRepository deviceCredentials() {
        return deviceCredentials;
    }

    public ReplicationInboxRepository replicationInbox() {
        return replicationInbox;
    }

    public ReplicationOutboxRepository replicationOutbox() {
        return replicationOutbox;
    }

    public SessionRepository sessions() {
        return sessions;
    }

    public MetaRepository meta() {
        return meta;
    }

    public <T> T tx(Database.Work<T> work) {
        return db.inTransaction(work);
    }

    /** {@link Database#getOrCreate}: a read-or-insert that another server may race. */
    public <T> T getOrCreate(Database.Work<T> work) {
        return db.getOrCreate(work);
    }

    @Override
    public void close() {
        if (nameLock != null) {
            nameLock.close();
        }
        db.close();
    }
}
