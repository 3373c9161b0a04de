package io.tlslab.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Console sessions by the SHA-256 of their cookie value. */
public final class SessionRepository {

    /** A stored session. */
    public record StoredSession(
            String idSha256, String username, String csrfToken, OffsetDateTime created, OffsetDateTime lastUsed) {}

    public void insert(Connection c, StoredSession s) throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO console_session (id_sha256, username, csrf_token, created_at, last_used)"
                        + " VALUES (?, ?, ?, ?, ?)",
                s.idSha256(),
                s.username(),
                s.csrfToken(),
                s.created(),
                s.lastUsed());
    }

    public Optional<StoredSession> find(Connection c, String idSha256) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT id_sha256, username, csrf_token, created_at, last_used"
                + " FROM console_session WHERE id_sha256 = ?")) {
            p.setString(1, idSha256);
            try (ResultSet r = p.executeQuery()) {
                return r.next()
                        ? Optional.of(new StoredSession(
                                r.getString(1),
                                r.getString(2),
                                r.getString(3),
                                r.getObject(4, OffsetDateTime.class),
                                r.getObject(5, OffsetDateTime.class)))
                        : Optional.empty();
            }
        }
    }

    public void touch(Connection c, String idSha256, OffsetDateTime at) throws SQLException {
        Jdbc.update(c, "UPDATE console_session SET last_used = ? WHERE id_sha256 = ?", at, idSha256);
    }

    public void delete(Connection c, String idSha256) throws SQLException {
        Jdbc.update(c, "DELETE FROM console_session WHERE id_sha256 = ?", idSha256);
    }

    /** @return how many sessions of the user were revoked */
    public int deleteAllOf(Connection c, String username) throws SQLException {
        return Jdbc.update(c, "DELETE FROM console_session WHERE username = ?", username);
    }

    public int deleteIdleSince(Connection c, OffsetDateTime cutoff) throws SQLException {
        return Jdbc.update(c, "DELETE FROM console_session WHERE last_used < ?", cutoff);
    }
}
