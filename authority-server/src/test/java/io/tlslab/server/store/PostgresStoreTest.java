package io.tlslab.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tlslab.protocol.settings.Fingerprint;
import io.tlslab.protocol.settings.PropertyKey;
import io.tlslab.server.AuthorityServer;
import io.tlslab.server.command.CommandResult;
import io.tlslab.server.support.Servers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The store against a real PostgreSQL, on each server {@link PostgresServers} can start here (a
 * Testcontainers container of the local image, a local {@code initdb} cluster, a given URL); each
 * case is skipped, saying why, when its server is not available.
 */
class PostgresStoreTest {

    @TempDir
    Path dir;

    @AfterAll
    static void stopServers() throws Exception {
        PostgresServers.stopAll();
    }

    @ParameterizedTest
    @EnumSource(PostgresServers.class)
    void storeWorksOnPostgres(PostgresServers server) {
        String url = schemaOn(server);
        try (Store store = new Store(Database.open(url, "", ""))) {
            StoreContract.writeEverything(store);
        }
        try (Store store = new Store(Database.open(url, "", ""))) {
            // the contract's assertions prove the data survived; this proves it was PostgreSQL that kept it
            String product = store.tx(c -> c.getMetaData().getDatabaseProductName());
            assertThat(product).isEqualTo("PostgreSQL");
            StoreContract.readEverything(store);
            assertThat(SchemaHistory.of(store))
                    .allSatisfy(m -> assertThat(m.success()).isTrue())
                    .extracting(SchemaHistory.Applied::version)
                    .doesNotHaveDuplicates()
                    .hasSize(SchemaHistory.scriptsInJar());
        }
    }

    /**
     * Without Flyway's lock both would run V1 on the empty schema and one would fail on "relation
     * already exists". Four rounds, each on a fresh schema, started through a barrier.
     */
    @ParameterizedTest
    @EnumSource(PostgresServers.class)
    void storesOpeningAtOnceOnAnEmptySchemaBothMigrateItOnce(PostgresServers server) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                String url = schemaOn(server);
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Database>> opening = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    opening.add(pool.submit(() -> {
                        together.await(30, TimeUnit.SECONDS);
                        return Database.open(url, "", "");
                    }));
                }
                List<Database> open = new ArrayList<>();
                for (Future<Database> f : opening) {
                    open.add(f.get(60, TimeUnit.SECONDS));
                }
                try (Store store = new Store(open.get(0))) {
                    assertThat(SchemaHistory.of(store))
                            .extracting(SchemaHistory.Applied::version)
                            .doesNotHaveDuplicates()
                            .hasSize(SchemaHistory.scriptsInJar());
                } finally {
                    open.get(1).close();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Two whole authority servers (store, first admin, server ids, self-signed keystores) on one empty schema. */
    @ParameterizedTest
    @EnumSource(PostgresServers.class)
    void twoServersStartingAtOnceOnOneDatabaseBothComeUp(PostgresServers server) throws Exception {
        String url = schemaOn(server);
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<AuthorityServer>> starting = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            starting.add(CompletableFuture.supplyAsync(() -> {
                AuthorityServer.Builder b = Servers.builder(dir.resolve(name));
                b.config().jdbc(url, "", "").serverName(name);
                try {
                    together.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return b.start();
            }));
        }
        List<AuthorityServer> up = new ArrayList<>();
        try {
            for (CompletableFuture<AuthorityServer> s : starting) {
                up.add(s.get(120, TimeUnit.SECONDS));
            }
            assertThat(up).hasSize(2).doesNotContainNull();
        } finally {
            for (CompletableFuture<AuthorityServer> s : starting) {
                s.thenAccept(AuthorityServer::close);
            }
        }
    }

    /**
     * Two servers with their own names on one database (a stack or StatefulSet of authority servers on
     * one PostgreSQL): each keeps its own id and certificates, they share the environment's system
     * settings, {@code save} stays on the server that ran it, and {@code save all} reaches the other
     * over 4288 with no peer certificate configured (servers of one database are members).
     */
    @ParameterizedTest
    @EnumSource(PostgresServers.class)
    void twoNamedServersOnOneDatabaseKeepTheirOwnIdentityAndShareTheEnvironment(PostgresServers server) {
        String url = schemaOn(server);
        AuthorityServer a = named(url, "authority-a", List.of()).start();
        AuthorityServer b = null;
        try {
            b = named(url, "authority-b", List.of("127.0.0.1:" + a.serverPort()))
                    .start();
            assertThat(b.serverId()).isNotEqualTo(a.serverId());
            assertThat(b.consoleFingerprintSha256()).isNotEqualTo(a.consoleFingerprintSha256());
            assertThat(b.messagingFingerprintSha256()).isNotEqualTo(a.messagingFingerprintSha256());
            assertThat(a.presentedChain().get(0).getSubjectX500Principal().getName())
                    .contains("CN=authority-a");
            assertThat(b.presentedChain().get(0).getSubjectX500Principal().getName())
                    .contains("CN=authority-b");

            String strict = PropertyKey.STRICT_VALIDATION.key();
            assertThat(b.execute("setting.set system " + strict + " true").ok()).isTrue();
            AuthorityServer first = a;
            Awaitility.await("a takes b's system setting from the shared database")
                    .atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(first.execute("setting.show system " + strict)
                                    .output())
                            .isEqualTo(strict + " = true (saved)"));

            String local = "c42.tlslab.test.local";
            assertThat(b.execute("prop.set " + local + " 7 save").ok()).isTrue();
            String shared = PropertyKey.TRUSTED_FINGERPRINTS.key();
            String sha1 = Fingerprint.sha1(der(a)).toString();
            CommandResult all = b.execute("prop.set " + shared + " " + sha1 + " save all");
            assertThat(all.output()).contains("replicated to 1 of 1 servers");
            assertThat(a.execute("prop.show " + shared).output()).contains("(replicated)");
            assertThat(a.execute("prop.show " + local).output()).endsWith("(default)");
            assertThat(b.execute("prop.show " + local).output()).isEqualTo(local + " = 7 (saved)");

            // a name is taken while its server runs: a second "authority-a" would share a's identity
            assertThatThrownBy(() -> named(url, "authority-a", List.of()).start())
                    .hasMessageContaining("another server named 'authority-a' is running on this database");

            // a restart finds the same server by its name: same id, same certificate
            String idBefore = a.serverId();
            Fingerprint consoleBefore = a.consoleFingerprintSha256();
            a = a.restart();
            assertThat(a.serverId()).isEqualTo(idBefore);
            assertThat(a.consoleFingerprintSha256()).isEqualTo(consoleBefore);
        } finally {
            a.close();
            if (b != null) {
                b.close();
            }
        }
    }

    private AuthorityServer.Builder named(String url, String name, List<String> peers) {
        AuthorityServer.Builder b = Servers.builder(dir.resolve(name)).hostnames(List.of(name, "127.0.0.1"));
        b.config().jdbc(url, "", "").serverName(name).peers(peers);
        return b;
    }

    private static byte[] der(AuthorityServer s) {
        try {
            return s.presentedChain().get(0).getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String schemaOn(PostgresServers server) {
        Optional<String> url = server.freshSchemaUrl();
        assumeTrue(url.isPresent(), server.why());
        return url.get();
    }
}
