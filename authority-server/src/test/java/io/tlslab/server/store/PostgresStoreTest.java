package io.tlslab.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tlslab.server.AuthorityServer;
import io.tlslab.server.support.Servers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

    /** Two whole authority servers (store, first admin, server id, self-signed keystores) on one empty schema. */
    @ParameterizedTest
    @EnumSource(PostgresServers.class)
    void twoServersStartingAtOnceOnOneDatabaseBothComeUp(PostgresServers server) throws Exception {
        String url = schemaOn(server);
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<AuthorityServer>> starting = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            starting.add(CompletableFuture.supplyAsync(() -> {
                AuthorityServer.Builder b = Servers.builder(dir.resolve(name));
                b.config().jdbc(url, "", "");
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

    private static String schemaOn(PostgresServers server) {
        Optional<String> url = server.freshSchemaUrl();
        assumeTrue(url.isPresent(), server.why());
        return url.get();
    }
}
