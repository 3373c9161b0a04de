package io.tlslab.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** Installation facts: the environment's (server_meta) and this server's identity (server_identity). */
public final class MetaRepository {
    private final String serverName;

    MetaRepository(String serverName) {
        this.serverName = serverName;
    }

    public Optional<String> get(Connection c, String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT meta_value FROM server_meta WHERE meta_key = ?")) {
            p.setString(1, key);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * This server's id, created on first use and stable for the life of the database: one per server
     * name, so servers sharing a database are told apart (it is the origin of what they replicate).
     */
    public String serverId(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT server_id FROM server_identity WHERE server_name = ?")) {
            p.setString(1, serverName);
            try (ResultSet r = p.executeQuery()) {
                if (r.next()) {
                    return r.getString(1);
                }
            }
        }
        String created = "server-" + UUID.randomUUID();
        Jdbc.update(
                c,
                "INSERT INTO server_identity (server_name, server_id, created_at) VALUES (?, ?, ?)",
                serverName,
                created,
                OffsetDateTime.now());
        return created;
    }
}
