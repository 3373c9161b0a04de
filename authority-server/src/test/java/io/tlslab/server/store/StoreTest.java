package io.tlslab.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {

    @TempDir
    Path dir;

    @Test
    void savedValuesSurviveReopeningAndMigrationRunsOnce() {
        try (Store store = new Store(Database.embedded(dir))) {
            StoreContract.writeEverything(store);
        }
        try (Store store = new Store(Database.embedded(dir))) {
            StoreContract.readEverything(store);
            assertThat(SchemaHistory.of(store))
                    .allSatisfy(m -> assertThat(m.success()).isTrue())
                    .extracting(SchemaHistory.Applied::version)
                    .doesNotHaveDuplicates()
                    .hasSize(SchemaHistory.scriptsInJar());
        }
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() {
        try (Store store = new Store(Database.embedded(dir))) {
            assertThatThrownBy(() -> store.tx(c -> {
                        store.settings().put(c, "c42.x", "1");
                        throw new IllegalStateException("crash in the middle of a command");
                    }))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(store.tx(store.settings()::all)).isEmpty();
        }
    }

    @Test
    void anUnsupportedJdbcUrlIsRefusedClearly() {
        assertThatThrownBy(() -> Database.open("jdbc:mysql://x/y", "", ""))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("expected jdbc:h2:... or jdbc:postgresql:...");
    }

    /** A data directory written by the hand-written migrator this server had before Flyway. */
    @Test
    void aDatabaseOfTheEarlierMigratorIsBaselinedAndKeepsItsData() throws Exception {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("tlslab");
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("RUNSCRIPT FROM 'classpath:/db/migration/V1__initial_schema.sql'");
            s.execute("CREATE TABLE schema_version (version INT PRIMARY KEY, script VARCHAR(255) NOT NULL,"
                    + " applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            s.execute("INSERT INTO schema_version VALUES (1, 'V1__initial_schema.sql', CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO system_setting VALUES ('c42.kept', 'yes', CURRENT_TIMESTAMP)");
        }
        try (Store store = new Store(Database.embedded(dir))) {
            assertThat(store.tx(store.settings()::all)).containsEntry("c42.kept", "yes");
            List<SchemaHistory.Applied> history = SchemaHistory.of(store);
            assertThat(history.get(0)).isEqualTo(new SchemaHistory.Applied("1", "BASELINE", true));
            // V1 was not run again (it would have failed on the existing tables); later scripts were
            assertThat(history).hasSize(SchemaHistory.scriptsInJar());
            StoreContract.writeEverything(store);
            StoreContract.readEverything(store);
        }
    }

    @Test
    void anAppliedScriptThatChangedIsRefused() {
        try (Store store = new Store(Database.embedded(dir))) {
            store.tx(c -> Jdbc.update(
                    c,
                    "UPDATE \"flyway_schema_history\" SET \"checksum\" = \"checksum\" + 1 WHERE \"version\" = ?",
                    "1"));
        }
        assertThatThrownBy(() -> Database.embedded(dir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("checksum mismatch for migration version 1")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aSchemaFromANewerServerIsRefused() {
        try (Store store = new Store(Database.embedded(dir))) {
            store.tx(
                    c -> Jdbc.update(
                            c,
                            "INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\","
                                    + " \"description\", \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\")"
                                    + " VALUES (999, '999', 'from the future', 'SQL', 'V999__from_the_future.sql', 0, 'test', 0, TRUE)"));
        }
        assertThatThrownBy(() -> Database.embedded(dir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("has schema version 999, newer than this server knows: upgrade the server");
    }

    @Test
    void auditLogKeepsNewestFirst() {
        try (Store store = new Store(Database.embedded(dir))) {
            store.tx(c -> {
                store.auditLog().append(c, new AuditEntry(OffsetDateTime.now(), "admin", "cli", "first", true, "ok"));
                store.auditLog()
                        .append(c, new AuditEntry(OffsetDateTime.now(), "admin", "cli", "second", false, "error"));
                return null;
            });
            List<AuditEntry> recent = store.tx(c -> store.auditLog().recent(c, 10));
            assertThat(recent).extracting(AuditEntry::command).containsExactly("second", "first");
            assertThat(recent.get(0).succeeded()).isFalse();
        }
    }
}
