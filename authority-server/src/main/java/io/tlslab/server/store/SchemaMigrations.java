package io.tlslab.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date with Flyway, from the scripts in
 * {@code authority-server/src/main/resources/db/migration/} ({@value #LOCATION}).
 *
 * <p>Adding a table: add {@code V<next>__<what>.sql} there (portable H2 + PostgreSQL SQL, one
 * version per file, never edit a released file: Flyway checksums every applied script and refuses to
 * start on a mismatch). Flyway holds a lock while it migrates (an advisory lock on PostgreSQL), so
 * servers that start at once on one database apply each version exactly once.
 *
 * <p>Databases created by the server's earlier hand-written migrator carry a {@code schema_version}
 * table instead of Flyway's history: they are baselined at the version recorded there, so their data
 * stays and only newer scripts run. The old table is left as it is (it is the record of how those
 * versions were applied).
 */
final class SchemaMigrations {
    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);

    static final String LOCATION = "classpath:db/migration";

    private SchemaMigrations() {}

    /** Migrates {@code dataSource} to the newest version this server knows; returns that version. */
    static String migrate(DataSource dataSource, String url) {
        Optional<Integer> legacy = legacyVersion(dataSource, url);
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .baselineOnMigrate(legacy.isPresent())
                .baselineVersion(MigrationVersion.fromVersion(String.valueOf(legacy.orElse(1))))
                .baselineDescription("schema of the earlier tlslab migrator")
                .load();
        try {
            refuseNewerSchema(flyway, url);
            MigrateResult result = flyway.migrate();
            if (result.migrationsExecuted > 0) {
                log.info(
                        "database {} migrated from version {} to {} ({} script(s))",
                        url,
                        result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion,
                        result.targetSchemaVersion,
                        result.migrationsExecuted);
            }
            MigrationInfo current = flyway.info().current();
            return current == null ? "none" : current.getVersion().getVersion();
        } catch (FlywayException e) {
            throw new StoreException("database " + url + ": schema migration failed: " + firstLine(e), e);
        }
    }

    /** A schema migrated by a newer server would be misread by this one: say so instead. */
    private static void refuseNewerSchema(Flyway flyway, String url) {
        MigrationInfo[] all = flyway.info().all();
        Optional<MigrationInfo> future = Arrays.stream(all)
                .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS)
                .reduce((a, b) -> b);
        if (future.isPresent()) {
            throw new StoreException("database " + url + " has schema version "
                    + future.get().getVersion() + ", newer than this server knows: upgrade the server");
        }
    }

    /** The version recorded by the earlier migrator's {@code schema_version} table, if there is one. */
    private static Optional<Integer> legacyVersion(DataSource dataSource, String url) {
        try (var c = dataSource.getConnection()) {
            if (!tableExists(c, "schema_version")) {
                return Optional.empty();
            }
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                r.next();
                int version = r.getInt(1);
                return version > 0 ? Optional.of(version) : Optional.empty();
            }
        } catch (SQLException e) {
            throw StoreException.from(url, e);
        }
    }

    private static boolean tableExists(java.sql.Connection c, String table) throws SQLException {
        // H2 keeps unquoted names upper-case, PostgreSQL lower-case
        for (String name : new String[] {table, table.toUpperCase(java.util.Locale.ROOT)}) {
            try (ResultSet r = c.getMetaData().getTables(null, c.getSchema(), name, new String[] {"TABLE"})) {
                if (r.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Flyway's messages span lines (a headline, then the detail): the two first ones, as one line. */
    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().strip();
        return String.join(
                ": ",
                m.lines().map(String::strip).filter(l -> !l.isEmpty()).limit(2).toList());
    }
}
