package io.tlslab.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The server's database: embedded H2 in the data directory by default, or any PostgreSQL reached by
 * a JDBC URL (environments whose servers share one database). Every write goes through
 * {@link #inTransaction}, so a crash mid-command leaves either all of it or none of it.
 */
public final class Database implements AutoCloseable {

    private final DataSource dataSource;
    private final String url;
    private final AutoCloseable closer;

    private Database(DataSource dataSource, String url, AutoCloseable closer) {
        this.dataSource = dataSource;
        this.url = url;
        this.closer = closer;
    }

    /**
     * The H2 file database {@code <dataDir>/tlslab.mv.db}. {@code WRITE_DELAY=0}: H2 otherwise writes
     * committed transactions to the file up to a second later, and a kill -9 in that second loses
     * commands that were already acknowledged (CrashConsistencyTest caught exactly that).
     */
    public static Database embedded(Path dataDir) {
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("tlslab")
                + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;WRITE_DELAY=0";
        return open(url, "", "");
    }

    /**
     * Opens {@code jdbc:h2:...} or {@code jdbc:postgresql:...} and migrates its schema.
     *
     * @throws StoreException when the database cannot be reached, is locked by another server, or
     *                        the URL names an unsupported database
     */
    public static Database open(String url, String user, String password) {
        Database db;
        if (url.startsWith("jdbc:h2:")) {
            JdbcConnectionPool pool = JdbcConnectionPool.create(url, user, password);
            pool.setMaxConnections(16);
            db = new Database(pool, url, pool::dispose);
        } else if (url.startsWith("jdbc:postgresql:")) {
            HikariDataSource pool = postgresPool(url, user, password);
            db = new Database(pool, url, pool::close);
        } else {
            throw new StoreException("unsupported JDBC URL '" + url + "': expected jdbc:h2:... or jdbc:postgresql:...");
        }
        try {
            SchemaMigrations.migrate(db.dataSource, url);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /**
     * A HikariCP pool: PostgreSQL connections are costly to open (TLS, authentication, a backend
     * process each), and a server runs a transaction per admin command and per device flush.
     */
    private static HikariDataSource postgresPool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (!user.isEmpty()) {
            config.setUsername(user);
            config.setPassword(password);
        }
        config.setPoolName("tlslab-store");
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            // fails fast when the database cannot be reached at start (initializationFailTimeout)
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String why = root.getMessage() == null
                    ? root.getClass().getSimpleName()
                    : root.getMessage().lines().findFirst().orElse("");
            throw new StoreException("database " + url + " cannot be reached: " + why, e);
        }
    }

    /** For the schema's own tools (migrations, their tests); everything else goes through {@link #inTransaction}. */
    DataSource dataSource() {
        return dataSource;
    }

    public String url() {
        return url;
    }

    /** A unit of work that runs inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in a transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw StoreException.from(url, e);
        }
    }

    /**
     * Runs a read-or-insert unit of work (the first admin, a listener's first keystore, the server
     * id). Servers that start at once on one database both find nothing and both insert; the loser's
     * insert fails on the key (SQLSTATE 23505 in PostgreSQL and H2), so its work runs once more and
     * now reads the winner's row.
     */
    public <T> T getOrCreate(Work<T> work) {
        try {
            return inTransaction(work);
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())) {
                return inTransaction(work);
            }
            throw e;
        }
    }

    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception e) {
            throw new StoreException("closing " + url + ": " + e.getMessage(), e);
        }
    }
}
