package io.tlslab.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Append-only log of admin commands. */
public final class AuditLogRepository {

    public void append(Connection c, AuditEntry e) throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO admin_audit (at, admin, channel, command, succeeded, result) VALUES (?, ?, ?, ?, ?, ?)",
                e.at(),
                e.admin(),
                e.channel(),
                e.command(),
                e.succeeded(),
                e.result());
    }

    public long count(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM admin_audit");
                ResultSet r = p.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /** One page of entries, newest first: {@code limit} entries after skipping the {@code offset} newest. */
    public List<AuditEntry> page(Connection c, long offset, int limit) throws SQLException {
        List<AuditEntry> result = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT at, admin, channel, command, succeeded, result FROM admin_audit ORDER BY id DESC LIMIT ? OFFSET ?")) {
            p.setInt(1, limit);
            p.setLong(2, offset);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    result.add(new AuditEntry(
                            r.getObject(1, OffsetDateTime.class),
                            r.getString(2),
                            r.getString(3),
                            r.getString(4),
                            r.getBoolean(5),
                            r.getString(6)));
                }
            }
        }
        return result;
    }

    /** The most recent entries, newest first. */
    public List<AuditEntry> recent(Connection c, int limit) throws SQLException {
        return page(c, 0, limit);
    }
}
