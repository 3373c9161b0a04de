package io.tlslab.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
            int version = new Migrator(store.db()).currentVersion();
            assertThat(version).isEqualTo(Migrator.SCRIPTS.size());
        }
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() {
        try (Store store = new Store(Database.embedded(dir))) {
            assertThatThrownBy(() -> store.tx(c -> {
                store.settings().put(c, "c42.x", "1");
                throw new IllegalStateException("crash in the middle of a command");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(store.tx(store.settings()::all)).isEmpty();
        }
    }

    @Test
    void anUnsupportedJdbcUrlIsRefusedClearly() {
        assertThatThrownBy(() -> Database.open("jdbc:mysql://x/y", "", ""))
                    .isInstanceOf(StoreException.class).hasMessageContaining("expected jdbc:h2:... or jdbc:postgresql:...");
    }

    @Test
    void migrationScriptsSplitIntoStatements() {
        List<String> s = Migrator.statements("-- c\nCREATE TABLE a (x INT);\n\nCREATE INDEX i ON a (x);\n");
        assertThat(s).containsExactly("CREATE TABLE a (x INT)", "CREATE INDEX i ON a (x)");
    }

    @Test
    void auditLogKeepsNewestFirst() {
        try (Store store = new Store(Database.embedded(dir))) {
            store.tx(c -> {
                store.auditLog().append(c, new AuditEntry(OffsetDateTime.now(), "admin", "cli", "first", true, "ok"));
                store.auditLog().append(c, new AuditEntry(OffsetDateTime.now(), "admin", "cli", "second", false, "error"));
                return null;
            });
            List<AuditEntry> recent = store.tx(c -> store.auditLog().recent(c, 10));
            assertThat(recent).extracting(AuditEntry::command).containsExactly("second", "first");
            assertThat(recent.get(0).succeeded()).isFalse();
        }
    }
}
