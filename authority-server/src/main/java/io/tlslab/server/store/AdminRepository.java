package io.tlslab.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Console administrators and their password hashes (never the passwords). */
public final class AdminRepository {

    public Optional<String> passwordHash(Connection c, String username) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT password_hash FROM admin_account WHERE username = ?")) {
            p.setString(1, username);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    public int count(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM admin_account");
                ResultSet r = p.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }

    public void create(Connection c, String username, String passwordHash) throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO admin_account (username, password_hash, created_at) VALUES (?, ?, ?)",
                username,
                passwordHash,
                OffsetDateTime.now());
    }

    /** @return whether the user exists */
    public boolean setPasswordHash(Connection c, String username, String passwordHash) throws SQLException {
        return Jdbc.update(c, "UPDATE admin_account SET password_hash = ? WHERE username = ?", passwordHash, username)
                > 0;
    }
}
