package io.tlslab.server.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGSimpleDataSource;

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
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(url);
            if (!user.isEmpty()) {
                ds.setUser(user);
                ds.setPassword(password);
            }
            db = new Database(ds, url, () -> { });
        } else {
            throw new StoreException("unsupported JDBC URL '" + url + "': expected jdbc:h2:... or jdbc:postgresql:...");
        }
        try {
            new Migrator(db).migrate();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
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

    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception e) {
            throw new StoreException("closing " + url + ": " + e.getMessage(), e);
        }
    }
}
