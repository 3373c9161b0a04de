package io.tlslab.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V6 keys a server's own rows by its server name. A database written before (one server, no names)
 * must keep everything for the server started without a name, so an upgrade changes nothing.
 */
class ServerNameMigrationTest {

    @TempDir
    Path dir;

    @Test
    void aSingleServersRowsBecomeTheRowsOfTheDefaultName() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("old") + ";DB_CLOSE_ON_EXIT=FALSE";
        Flyway.configure()
                .dataSource(url, "", "")
                .locations(SchemaMigrations.LOCATION)
                .target("5")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, "", "")) {
            insert(c, "INSERT INTO server_meta (meta_key, meta_value) VALUES ('server.id', 'server-before-v5')");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO keystore (purpose, origin, pkcs12, password,"
                    + " installed_at) VALUES ('console', 'INSTALLED', ?, 'pw', ?)")) {
                p.setBytes(1, new byte[] {7, 8, 9});
                p.setObject(2, OffsetDateTime.now());
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO server_property (prop_key, prop_value, scope,"
                    + " origin, updated_at) VALUES ('c42.a', 'true', 'SAVED', 'server-before-v5', ?)")) {
                p.setObject(1, OffsetDateTime.now());
                p.executeUpdate();
            }
            insert(
                    c,
                    "INSERT INTO replication_inbox (origin_server, last_sequence, updated_at)"
                            + " VALUES ('server-peer', 42, CURRENT_TIMESTAMP)");
            insert(
                    c,
                    "INSERT INTO replication_outbox (peer, sequence_no, origin_server, prop_key, prop_value, queued_at)"
                            + " VALUES ('peer:4288', 3, 'server-before-v5', 'c42.a', 'true', CURRENT_TIMESTAMP)");
        }

        try (Store store = new Store(Database.open(url, "", ""))) {
            assertThat(store.serverName()).isEqualTo(Store.DEFAULT_SERVER_NAME);
            store.tx(c -> {
                assertThat(store.meta().serverId(c)).isEqualTo("server-before-v5");
                assertThat(store.keystores().find(c, "console").orElseThrow().pkcs12())
                        .containsExactly(7, 8, 9);
                assertThat(store.properties().all(c).get("c42.a").value()).isEqualTo("true");
                assertThat(store.replicationInbox().lastSequence(c, "server-peer"))
                        .hasValue(42);
                assertThat(store.replicationOutbox().depths(c)).containsEntry("peer:4288", 1L);
                return null;
            });
        }
        // another name on the same database starts with nothing of its own
        try (Store other = new Store(Database.open(url, "", ""), "authority-2")) {
            other.tx(c -> {
                assertThat(other.meta().serverId(c)).isNotEqualTo("server-before-v5");
                assertThat(other.keystores().find(c, "console")).isEmpty();
                assertThat(other.properties().all(c)).isEmpty();
                assertThat(other.replicationInbox().lastSequence(c, "server-peer"))
                        .isEmpty();
                assertThat(other.replicationOutbox().depths(c)).isEmpty();
                assertThat(other.replicationOutbox().oldest(c, "peer:4288", 10)).isEmpty();
                assertThat(other.keystores().others(c))
                        .extracting(KeystoreRepository.Installed::serverName)
                        .containsExactly(Store.DEFAULT_SERVER_NAME);
                return null;
            });
        }
    }

    @Test
    void aServerNameIsShortAndPlain() {
        assertThat(ServerName.check("authority-2.example_1")).isEqualTo("authority-2.example_1");
        for (String bad : new String[] {"", "-lead", "a b", "a/b", "x".repeat(65), "new\nline"}) {
            assertThatThrownBy(() -> ServerName.check(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1 to 64 letters, digits")
                    .hasMessageNotContaining("\n");
        }
    }

    private static void insert(Connection c, String sql) throws Exception {
        try (var s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
