package io.tlslab.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Server properties that survive a restart ({@code save} and {@code save all}): this server's own
 * rows, keyed by its server name, so servers sharing one database keep {@code save} to themselves.
 */
public final class PropertyRepository {
    private final String serverName;

    PropertyRepository(String serverName) {
        this.serverName = serverName;
    }

    public Map<String, StoredProperty> all(Connection c) throws SQLException {
        Map<String, StoredProperty> result = new LinkedHashMap<>();
        try (PreparedStatement p =
                c.prepareStatement("SELECT prop_key, prop_value, scope, origin, updated_at FROM server_property"
                        + " WHERE server_name = ? ORDER BY prop_key")) {
            p.setString(1, serverName);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    result.put(
                            r.getString(1),
                            new StoredProperty(
                                    r.getString(1),
                                    r.getString(2),
                                    StoredProperty.PersistedScope.valueOf(r.getString(3)),
                                    r.getString(4),
                                    r.getObject(5, OffsetDateTime.class)));
                }
            }
        }
        return result;
    }

    public void put(Connection c, StoredProperty p) throws SQLException {
        Jdbc.row("server_property")
                .key("server_name", serverName)
                .key("prop_key", p.key())
                .set("prop_value", p.value())
                .set("scope", p.scope().name())
                .set("origin", p.origin())
                .set("updated_at", p.updatedAt())
                .upsert(c);
    }

    /** Returns whether a saved value existed. */
    public boolean delete(Connection c, String key) throws SQLException {
        return Jdbc.update(c, "DELETE FROM server_property WHERE server_name = ? AND prop_key = ?", serverName, key)
                > 0;
    }
}
