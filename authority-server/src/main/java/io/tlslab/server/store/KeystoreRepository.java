package io.tlslab.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

/** The keystores of the listeners, kept inside the database as the vendor does. */
public final class KeystoreRepository {

    public Optional<StoredKeystore> find(Connection c, String purpose) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement("SELECT origin, pkcs12, password, installed_at FROM keystore WHERE purpose = ?")) {
            p.setString(1, purpose);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredKeystore(
                        purpose,
                        StoredKeystore.Origin.valueOf(r.getString(1)),
                        r.getBytes(2),
                        r.getString(3).toCharArray(),
                        r.getObject(4, OffsetDateTime.class)));
            }
        }
    }

    public void put(Connection c, StoredKeystore k) throws SQLException {
        String password = new String(k.password());
        Jdbc.upsert(
                c,
                "UPDATE keystore SET origin = ?, pkcs12 = ?, password = ?, installed_at = ? WHERE purpose = ?",
                new Object[] {k.origin().name(), k.pkcs12(), password, k.installedAt(), k.purpose()},
                "INSERT INTO keystore (purpose, origin, pkcs12, password, installed_at) VALUES (?, ?, ?, ?, ?)",
                new Object[] {k.purpose(), k.origin().name(), k.pkcs12(), password, k.installedAt()});
    }
}
