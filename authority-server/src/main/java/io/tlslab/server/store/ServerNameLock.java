package io.tlslab.server.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Makes a server name taken while its server runs on a PostgreSQL database: two servers started with
 * one name would share one identity and one set of certificates again, so the second is refused. A
 * session-level advisory lock on a connection held for the server's life: PostgreSQL releases it when
 * that session ends, on a clean stop as on a crash (the socket closes with the process). An embedded H2
 * database needs none: its file admits one server.
 */
final class ServerNameLock implements AutoCloseable {
    private final Connection held;

    private ServerNameLock(Connection held) {
        this.held = held;
    }

    /** @throws StoreException when another running server holds the name */
    static ServerNameLock acquire(Database db, String serverName) {
        Connection c = null;
        try {
            c = db.dataSource().getConnection();
            c.setAutoCommit(true);
            try (PreparedStatement p = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                p.setLong(1, key(serverName));
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    if (!r.getBoolean(1)) {
                        throw new StoreException("another server named '" + serverName
                                + "' is running on this database: give each server of a database its own"
                                + " --server-name");
                    }
                }
            }
            return new ServerNameLock(c);
        } catch (SQLException e) {
            closeQuietly(c);
            throw StoreException.from(db.url(), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** A 64-bit lock key of the name, apart from other users of advisory locks on the database (Flyway). */
    static long key(String serverName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("tlslab server name " + serverName).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public void close() {
        closeQuietly(held);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the session ends either way, and the lock with it
            }
        }
    }
}
