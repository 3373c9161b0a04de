package io.tlslab.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

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

    /** A row of {@code table} to write with {@link Row#upsert}: each column and its value named once. */
    static Row row(String table) {
        return new Row(table);
    }

    /**
     * Update-or-insert of one row by its key, without vendor syntax (H2's {@code MERGE ... KEY} and PostgreSQL's
     * {@code ON CONFLICT} differ): the UPDATE and the INSERT are both made from this one list of columns, and run
     * inside the caller's transaction, so the pair is atomic. Table and column names come from the code, never
     * from input; values are always bound.
     */
    static final class Row {
        private enum Use {
            KEY,
            VALUE,
            INSERT_ONLY
        }

        private record Column(String name, Object value, Use use) {}

        private final String table;
        private final List<Column> columns = new ArrayList<>();

        private Row(String table) {
            this.table = table;
        }

        /** A column of the key that finds the row (WHERE of the update). */
        Row key(String column, Object value) {
            columns.add(new Column(column, value, Use.KEY));
            return this;
        }

        /** A column written on insert and on update. */
        Row set(String column, Object value) {
            columns.add(new Column(column, value, Use.VALUE));
            return this;
        }

        /** A column written only when the row is new (e.g. when it was first registered). */
        Row setOnInsert(String column, Object value) {
            columns.add(new Column(column, value, Use.INSERT_ONLY));
            return this;
        }

        void upsert(Connection c) throws SQLException {
            List<Column> updated = of(Use.VALUE);
            List<Column> keys = of(Use.KEY);
            if (keys.isEmpty() || updated.isEmpty()) {
                throw new IllegalStateException("an upsert of " + table + " needs key and value columns");
            }
            String update = "UPDATE " + table + " SET " + names(updated, " = ?, ") + " = ? WHERE "
                    + names(keys, " = ? AND ") + " = ?";
            List<Object> updateParams = new ArrayList<>(values(updated));
            updateParams.addAll(values(keys));
            if (Jdbc.update(c, update, updateParams.toArray()) == 0) {
                String insert = "INSERT INTO " + table + " (" + names(columns, ", ") + ") VALUES ("
                        + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
                Jdbc.update(c, insert, values(columns).toArray());
            }
        }

        private List<Column> of(Use use) {
            return columns.stream().filter(col -> col.use == use).toList();
        }

        private static String names(List<Column> cols, String separator) {
            return cols.stream().map(Column::name).collect(Collectors.joining(separator));
        }

        private static List<Object> values(List<Column> cols) {
            return cols.stream().map(Column::value).toList(); // Stream.toList keeps null values
        }
    }
}
