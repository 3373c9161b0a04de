package io.tlslab.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Small JDBC helpers shared by the repositories; portable between H2 and PostgreSQL. */
final class Jdbc {
    private Jdbc() {}

    /** Executes an update with positional parameters, returning the row count. */
    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                p.setObject(i + 1, params[i]);
            }
            return p.executeUpdate();
        }
    }

    /**
     * Update-or-insert without vendor syntax (H2's MERGE and PostgreSQL's ON CONFLICT differ):
     * inside the caller's transaction, so the pair is atomic.
     */
    static void upsert(Connection c, String updateSql, Object[] updateParams, String insertSql, Object[] insertParams)
            throws SQLException {
        if (update(c, updateSql, updateParams) == 0) {
            update(c, insertSql, insertParams);
        }
    }
}
