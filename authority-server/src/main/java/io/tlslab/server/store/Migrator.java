package io.tlslab.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the numbered SQL scripts {@code db/migration/V<n>__<description>.sql} in order, each in
 * its own transaction together with its row in {@code schema_version}, so a crash leaves the schema
 * at a whole version. Hand-written (a few dozen lines) rather than Flyway: the scripts are portable
 * H2/PostgreSQL SQL and the project needs nothing else Flyway offers.
 */
final class Migrator {
    private static final Logger log = LoggerFactory.getLogger(Migrator.class);

    /** The scripts, in order. A new version is appended here and as a resource. */
    static final List<String> SCRIPTS = List.of("V1__initial_schema.sql");

    private final Database db;

    Migrator(Database db) {
        this.db = db;
    }

    void migrate() {
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY,"
                        + " script VARCHAR(255) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            }
            return null;
        });
        int current = currentVersion();
        for (int i = current; i < SCRIPTS.size(); i++) {
            int version = i + 1;
            String script = SCRIPTS.get(i);
            List<String> statements = statements(read(script));
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    for (String sql : statements) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO schema_version (version, script, applied_at) VALUES (?, ?, ?)")) {
                    p.setInt(1, version);
                    p.setString(2, script);
                    p.setObject(3, OffsetDateTime.now());
                    p.executeUpdate();
                }
                return null;
            });
            log.info("database {} migrated to version {} ({})", db.url(), version, script);
        }
        if (current > SCRIPTS.size()) {
            throw new StoreException("database " + db.url() + " has schema version " + current
                    + ", newer than this server knows (" + SCRIPTS.size() + "): upgrade the server");
        }
    }

    int currentVersion() {
        return db.inTransaction(c -> {
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                r.next();
                return r.getInt(1);
            }
        });
    }

    private static String read(String script) {
        try (InputStream in = Migrator.class.getResourceAsStream("/db/migration/" + script)) {
            if (in == null) {
                throw new StoreException("migration script " + script + " missing from the server jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("reading migration " + script + ": " + e.getMessage(), e);
        }
    }

    /** Splits on ';' at line ends; the scripts hold no procedural code, so that is enough. */
    static List<String> statements(String sql) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String stmt = current.toString().strip();
                result.add(stmt.substring(0, stmt.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            result.add(current.toString().strip());
        }
        return result;
    }

}
