package io.tlslab.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The keystores of the listeners, kept inside the database as the vendor does: this server's own,
 * keyed by its server name (a certificate names its host, and a private key stays with its server).
 */
public final class KeystoreRepository {
    private final String serverName;

    KeystoreRepository(String serverName) {
        this.serverName = serverName;
    }

    public Optional<StoredKeystore> find(Connection c, String purpose) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT origin, pkcs12, password, installed_at FROM keystore"
                + " WHERE server_name = ? AND purpose = ?")) {
            p.setString(1, serverName);
            p.setString(2, purpose);
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
        Jdbc.row("keystore")
                .key("server_name", serverName)
                .key("purpose", k.purpose())
                .set("origin", k.origin().name())
                .set("pkcs12", k.pkcs12())
                .set("password", new String(k.password()))
                .set("installed_at", k.installedAt())
                .upsert(c);
    }

    /** A keystore row of another server sharing this database, named by its version (server, purpose, install time). */
    public record Installed(String serverName, String purpose, OffsetDateTime installedAt) {}

    /** The keystores of the other servers of this database, without their content: cheap to poll. */
    public List<Installed> others(Connection c) throws SQLException {
        List<Installed> result = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT server_name, purpose, installed_at FROM keystore"
                + " WHERE server_name <> ? ORDER BY server_name, purpose")) {
            p.setString(1, serverName);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    result.add(new Installed(r.getString(1), r.getString(2), r.getObject(3, OffsetDateTime.class)));
                }
            }
        }
        return result;
    }

    /** The content of another server's keystore row listed by {@link #others}. */
    public Optional<StoredKeystore> other(Connection c, Installed which) throws SQLException {
        return new KeystoreRepository(which.serverName()).find(c, which.purpose());
    }
}
