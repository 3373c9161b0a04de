package io.tlslab.server.store;

/** The database plus its repositories: one object to hand to the services. */
public final class Store implements AutoCloseable {
    private final Database db;
    private final PropertyRepository properties = new PropertyRepository();
    private final SettingRepository settings = new SettingRepository();
    private final KeystoreRepository keystores = new KeystoreRepository();
    private final DeviceRepository devices = new DeviceRepository();
    private final AdminRepository admins = new AdminRepository();
    private final AuditLogRepository auditLog = new AuditLogRepository();
    private final MetaRepository meta = new MetaRepository();
    private final SessionRepository sessions = new SessionRepository();
    private final ReplicationInboxRepository replicationInbox = new ReplicationInboxRepository();
    private final DeviceCredentialRepository deviceCredentials = new DeviceCredentialRepository();
    private final ReplicationOutboxRepository replicationOutbox = new ReplicationOutboxRepository();

    public Store(Database db) {
        this.db = db;
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
        db.close();
    }
}
