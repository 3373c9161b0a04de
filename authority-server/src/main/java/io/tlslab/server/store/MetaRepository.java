package io.tlslab.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** Installation facts, such as the server's stable id. */
public final class MetaRepository {

    public Optional<String> get(Connection c, String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT meta_value FROM server_meta WHERE meta_key = ?")) {
            p.setString(1, key);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    /** The server id, created on first use and stable for the life of the database. */
    public String serverId(Connection c) throws SQLException {
        Optional<String> id = get(c, "server.id");
        if (id.isPresent()) {
            return id.get();
        }
        String created = "server-" + UUID.randomUUID();
        Jdbc.update(c, "INSERT INTO server_meta (meta_key, meta_value) VALUES (?, ?)", "server.id", created);
        return created;
    }
}
