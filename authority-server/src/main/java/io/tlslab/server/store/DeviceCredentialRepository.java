package io.tlslab.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** Issued device credentials (hashes only) and retirements. */
public final class DeviceCredentialRepository {

    /** One device's identity: the credential hash (null when unregistered) and whether it is retired. */
    public record Identity(String credentialSha256, boolean retired) {}

    public Map<String, Identity> all(Connection c) throws SQLException {
        Map<String, Identity> result = new LinkedHashMap<>();
        try (PreparedStatement p =
                        c.prepareStatement("SELECT guid, credential_sha256, retired FROM device_credential");
                ResultSet r = p.executeQuery()) {
            while (r.next()) {
                result.put(r.getString(1), new Identity(r.getString(2), r.getBoolean(3)));
            }
        }
        return result;
    }

    public void put(Connection c, String guid, Identity identity) throws SQLException {
        Jdbc.row("device_credential")
                .key("guid", guid)
                .set("credential_sha256", identity.credentialSha256())
                .setOnInsert("registered_at", OffsetDateTime.now())
                .set("retired", identity.retired())
                .upsert(c);
    }

    /** Forgets the device entirely (its record too): it may register again as new. */
    public boolean delete(Connection c, String guid) throws SQLException {
        int n = Jdbc.update(c, "DELETE FROM device_credential WHERE guid = ?", guid);
        n += Jdbc.update(c, "DELETE FROM device WHERE guid = ?", guid);
        return n > 0;
    }
}
