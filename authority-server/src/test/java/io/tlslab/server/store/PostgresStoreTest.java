package io.tlslab.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store against a real PostgreSQL: a throwaway cluster started with the local {@code initdb} /
 * {@code pg_ctl} on an ephemeral port, or the server named by {@code TLSLAB_TEST_PG_URL}. Skipped
 * when neither is available.
 */
class PostgresStoreTest {
    private static Path cluster;
    private static String url;
    private static List<String> asUser = List.of();

    @BeforeAll
    static void startPostgres() throws Exception {
        String given = System.getenv("TLSLAB_TEST_PG_URL");
        if (given != null && !given.isBlank()) {
            url = given;
            return;
        }
        if (!onPath("initdb") || !onPath("pg_ctl")) {
            return;
        }
        cluster = Files.createTempDirectory("tlslab-pg");
        if (runningAsRoot()) {
            // initdb refuses to run as root: run the cluster as the local postgres account
            if (!onPath("runuser")) {
                return;
            }
            asUser = List.of("runuser", "-u", "postgres", "--");
            Files.setOwner(cluster, cluster.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        if (!run(List.of("initdb", "-D", cluster.resolve("data").toString(), "-U", "tlslab", "--auth=trust", "-E", "UTF8"))) {
            return;
        }
        if (!run(List.of("pg_ctl", "-D", cluster.resolve("data").toString(), "-l", cluster.resolve("log").toString(),
                "-o", "-p " + port + " -k " + cluster + " -c listen_addresses=127.0.0.1", "-w", "-t", "30", "start"))) {
            return;
        }
        url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=tlslab";
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (cluster != null) {
            run(List.of("pg_ctl", "-D", cluster.resolve("data").toString(), "-m", "immediate", "-w", "-t", "30", "stop"));
            try (var paths = Files.walk(cluster)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void storeWorksOnPostgres() {
        assumeTrue(url != null, "no PostgreSQL reachable or startable locally (initdb/pg_ctl; or set TLSLAB_TEST_PG_URL)");
        try (Store store = new Store(Database.open(url, "", ""))) {
            store.tx(c -> {
                try (var s = c.createStatement()) {
                    s.execute("DELETE FROM server_property");
                    s.execute("DELETE FROM system_setting");
                    s.execute("DELETE FROM keystore");
                    s.execute("DELETE FROM device");
                    s.execute("DELETE FROM admin_account");
                }
                return null;
            });
            StoreContract.writeEverything(store);
        }
        try (Store store = new Store(Database.open(url, "", ""))) {
            // the contract's assertions prove the data survived; this proves it was PostgreSQL that kept it
            String product = store.tx(c -> c.getMetaData().getDatabaseProductName());
            assertThat(product).isEqualTo("PostgreSQL");
            StoreContract.readEverything(store);
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean run(List<String> command) throws IOException, InterruptedException {
        List<String> full = new java.util.ArrayList<>(asUser);
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }
}
