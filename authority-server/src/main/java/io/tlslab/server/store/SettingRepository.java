package io.tlslab.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** System settings ({@code setting.set system}): always persisted, pushed to every endpoint. */
public final class SettingRepository {

    public Map<String, String> all(Connection c) throws SQLException {
        Map<String, String> result = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement(
                        "SELECT setting_key, setting_value FROM system_setting ORDER BY setting_key");
                ResultSet r = p.executeQuery()) {
            while (r.next()) {
                result.put(r.getString(1), r.getString(2));
            }
        }
        return result;
    }

    public void put(Connection c, String key, String value) throws SQLException {
        Jdbc.row("system_setting")
                .key("setting_key", key)
                .set("setting_value", value)
                .set("updated_at", OffsetDateTime.now())
                .upsert(c);
    }

    /** @return whether a saved setting was there to remove */
    public boolean delete(Connection c, String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM system_setting WHERE setting_key = ?")) {
            p.setString(1, key);
            return p.executeUpdate() > 0;
        }
    }
}
