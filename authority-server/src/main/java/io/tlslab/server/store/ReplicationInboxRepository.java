package io.tlslab.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.OptionalLong;

/** The highest replication sequence applied per origin server (replay protection). */
public final class ReplicationInboxRepository {

    public OptionalLong lastSequence(Connection c, String origin) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement("SELECT last_sequence FROM replication_inbox WHERE origin_server = ?")) {
            p.setString(1, origin);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? OptionalLong.of(r.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    public void record(Connection c, String origin, long sequence) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now();
        Jdbc.upsert(
                c,
                "UPDATE replication_inbox SET last_sequence = ?, updated_at = ? WHERE origin_server = ?",
                new Object[] {sequence, now, origin},
                "INSERT INTO replication_inbox (origin_server, last_sequence, updated_at) VALUES (?, ?, ?)",
                new Object[] {origin, sequence, now});
    }
}
