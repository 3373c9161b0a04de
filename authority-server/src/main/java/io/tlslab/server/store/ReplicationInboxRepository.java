package io.tlslab.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.OptionalLong;

/**
 * The highest replication sequence this server applied per origin server (replay protection), keyed
 * by this server's name: two servers of one database each receive every update once.
 */
public final class ReplicationInboxRepository {
    private final String serverName;

    ReplicationInboxRepository(String serverName) {
        this.serverName = serverName;
    }

    public OptionalLong lastSequence(Connection c, String origin) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT last_sequence FROM replication_inbox WHERE server_name = ? AND origin_server = ?")) {
            p.setString(1, serverName);
            p.setString(2, origin);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? OptionalLong.of(r.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    public void record(Connection c, String origin, long sequence) throws SQLException {
        Jdbc.row("replication_inbox")
                .key("server_name", serverName)
                .key("origin_server", origin)
                .set("last_sequence", sequence)
                .set("updated_at", OffsetDateTime.now())
                .upsert(c);
    }
}
