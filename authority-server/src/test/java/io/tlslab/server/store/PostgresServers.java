package io.tlslab.server.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The PostgreSQL servers the store's tests run against, each started once per test class and only
 * when it can be: a Testcontainers container of the locally built {@code tlslab/postgres:15} image
 * ({@code docker/postgres/build.sh}, built by {@code .ci/run}), a throwaway cluster from the local
 * {@code initdb}/{@code pg_ctl} (so the tests also run without Docker), or the server named by
 * {@code TLSLAB_TEST_PG_URL}. Every test gets a schema of its own, so no test sees another's tables.
 */
enum PostgresServers {
    CONTAINER,
    LOCAL_CLUSTER,
    GIVEN_URL;

    static final String IMAGE = System.getenv().getOrDefault("TLSLAB_POSTGRES_IMAGE", "tlslab/postgres:15");
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private boolean tried;
    private String baseUrl;
    private String unavailable = "not started";
    private AutoCloseable stopper;

    /** A JDBC URL of a new, empty schema on this server; empty (with the reason in {@link #why()}) when unavailable. */
    synchronized Optional<String> freshSchemaUrl() {
        if (!tried) {
            tried = true;
            try {
                baseUrl = start();
            } catch (Exception e) {
                unavailable = "failed to start: " + e.getMessage();
            }
        }
        if (baseUrl == null) {
            return Optional.empty();
        }
        String schema = "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        try (var c = DriverManager.getConnection(baseUrl);
                var s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("creating schema " + schema + ": " + e.getMessage(), e);
        }
        return Optional.of(baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }

    String why() {
        return name() + ": " + unavailable;
    }

    static void stopAll() throws Exception {
        for (PostgresServers s : values()) {
            if (s.stopper != null) {
                s.stopper.close();
                s.stopper = null;
            }
        }
    }

    private String start() throws Exception {
        return switch (this) {
            case GIVEN_URL -> {
                String given = System.getenv("TLSLAB_TEST_PG_URL");
                unavailable = "TLSLAB_TEST_PG_URL not set";
                yield given == null || given.isBlank() ? null : given;
            }
            case CONTAINER -> startContainer();
            case LOCAL_CLUSTER -> startLocalCluster();
        };
    }

    private String startContainer() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            unavailable = "no Docker engine answers";
            return null;
        }
        var images = DockerClientFactory.instance()
                .client()
                .listImagesCmd()
                .withImageNameFilter(IMAGE)
                .exec();
        if (images.isEmpty()) {
            unavailable = "image " + IMAGE + " not built (docker/postgres/build.sh)";
            return null;
        }
        @SuppressWarnings("resource") // stopped in stopAll()
        PostgreSQLContainer pg = new PostgreSQLContainer(
                        DockerImageName.parse(IMAGE).asCompatibleSubstituteFor("postgres"))
                // the local image prints this once (the public image twice: a setup server first)
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 1));
        pg.start();
        stopper = pg::stop;
        return pg.getJdbcUrl() + (pg.getJdbcUrl().contains("?") ? "&" : "?") + "user=" + pg.getUsername() + "&password="
                + pg.getPassword();
    }

    private String startLocalCluster() throws IOException, InterruptedException {
        if (!onPath("initdb") || !onPath("pg_ctl")) {
            unavailable = "initdb/pg_ctl not on the PATH";
            return null;
        }
        Path cluster = Files.createTempDirectory("tlslab-pg");
        List<String> asUser = List.of();
        if ("root".equals(System.getProperty("user.name"))) {
            // initdb refuses to run as root: run the cluster as the local postgres account
            if (!onPath("runuser")) {
                unavailable = "running as root without runuser";
                return null;
            }
            asUser = List.of("runuser", "-u", "postgres", "--");
            Files.setOwner(
                    cluster,
                    cluster.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String data = cluster.resolve("data").toString();
        List<String> user = asUser;
        stopper = () -> {
            run(user, List.of("pg_ctl", "-D", data, "-m", "immediate", "-w", "-t", "30", "stop"));
            try (var paths = Files.walk(cluster)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        };
        if (!run(asUser, List.of("initdb", "-D", data, "-U", "tlslab", "--auth=trust", "-E", "UTF8"))
                || !run(
                        asUser,
                        List.of(
                                "pg_ctl",
                                "-D",
                                data,
                                "-l",
                                cluster.resolve("log").toString(),
                                "-o",
                                "-p " + port + " -k " + cluster + " -c listen_addresses=127.0.0.1",
                                "-w",
                                "-t",
                                "30",
                                "start"))) {
            unavailable = "initdb/pg_ctl failed (log in " + cluster + ")";
            return null;
        }
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=tlslab";
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static boolean run(List<String> asUser, List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(asUser);
        full.addAll(command);
        Process p = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }
}
