package io.tlslab.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates saved with {@code save all} that a peer has not acknowledged yet, and the stored sequence
 * counter that numbers them. Queued in the transaction of the local change, so the two commit
 * together or not at all.
 */
public final class ReplicationOutboxRepository {
    /** The queue is this server's: servers sharing one database each send only what they queued. */
    private final String serverName;

    ReplicationOutboxRepository(String serverName) {
        this.serverName = serverName;
    }

    /** One queued update for one peer; a {@code null} value replicates a deletion. */
    public record OutboxEntry(
            String peer, long sequence, String origin, String key, String value, OffsetDateTime queuedAt) {}

    /**
     * The next sequence of {@code origin}. The row stays locked until the caller's transaction ends,
     * so sequences are handed out in commit order: a sender never sees sequence n+1 before n.
     */
    public long nextSequence(Connection c, String origin) throws SQLException {
        if (Jdbc.update(
                        c,
                        "UPDATE replication_sequence SET last_sequence = last_sequence + 1 WHERE origin_server = ?",
                        origin)
                == 0) {
            Jdbc.update(c, "INSERT INTO replication_sequence (origin_server, last_sequence) VALUES (?, 1)", origin);
            return 1;
        }
        try (PreparedStatement p =
                c.prepareStatement("SELECT last_sequence FROM replication_sequence WHERE origin_server = ?")) {
            p.setString(1, origin);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    public void enqueue(Connection c, OutboxEntry e) throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO replication_outbox (server_name, peer, sequence_no, origin_server, prop_key, prop_value,"
                        + " queued_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                serverName,
                e.peer(),
                e.sequence(),
                e.origin(),
                e.key(),
                e.value(),
                e.queuedAt());
    }

    /** The oldest {@code limit} entries queued for {@code peer}, in sequence order. */
    public List<OutboxEntry> oldest(Connection c, String peer, int limit) throws SQLException {
        List<OutboxEntry> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT peer, sequence_no, origin_server, prop_key, prop_value, queued_at FROM replication_outbox"
                        + " WHERE server_name = ? AND peer = ? ORDER BY sequence_no")) {
            p.setString(1, serverName);
            p.setString(2, peer);
            p.setMaxRows(limit);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new OutboxEntry(
                            r.getString(1),
                            r.getLong(2),
                            r.getString(3),
                            r.getString(4),
                            r.getString(5),
                            r.getObject(6, OffsetDateTime.class)));
                }
            }
        }
        return out;
    }

    /** Removes an entry the peer acknowledged or refused; false when it was already gone. */
    public boolean remove(Connection c, String peer, long sequence) throws SQLException {
        return Jdbc.update(
                        c,
                        "DELETE FROM replication_outbox WHERE server_name = ? AND peer = ? AND sequence_no = ?",
                        serverName,
                        peer,
                        sequence)
                > 0;
    }

    /** Queued entries per peer (peers with an empty queue are absent). */
    public Map<String, Long> depths(Connection c) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT peer, COUNT(*) FROM replication_outbox WHERE server_name = ? GROUP BY peer ORDER BY peer")) {
            p.setString(1, serverName);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return out;
    }
}
