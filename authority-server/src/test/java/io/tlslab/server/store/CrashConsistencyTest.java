package io.tlslab.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tlslab.server.AuthorityServer;
import io.tlslab.server.cli.ConsoleClient;
import io.tlslab.server.support.Servers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of a stream of {@code prop.set ... save} commands: after a restart every
 * acknowledged command is there, and every saved value has its audit row (and no row without its
 * value), because the change and its audit row commit together.
 */
class CrashConsistencyTest {
    private static final Pattern CONSOLE = Pattern.compile("console\\s+https://127\\.0\\.0\\.1:(\\d+)/console");

    @TempDir
    Path dir;

    @Test
    void aServerKilledMidCommandRestartsConsistent() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.tlslab.server.cli.ServerCli",
                        "start",
                        "--data-dir",
                        dir.toString(),
                        "--console-port",
                        "0",
                        "--messaging-port",
                        "0",
                        "--server-port",
                        "0")
                .redirectErrorStream(true);
        pb.environment().put("TLSLAB_ADMIN_PASSWORD", Servers.ADMIN_PASSWORD);
        pb.environment().put("TLSLAB_LOG_LEVEL", "WARN");
        Process server = pb.start();
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        try {
            int port = consolePort(server);
            ConsoleClient client = new ConsoleClient(URI.create("https://127.0.0.1:" + port), null, true);
            assertThat(client.login("admin", Servers.ADMIN_PASSWORD).status()).isEqualTo(200);
            AtomicInteger sent = new AtomicInteger();
            Thread writer = new Thread(() -> {
                for (int n = 1; n <= 10_000; n++) {
                    try {
                        sent.set(n);
                        if (client.command("prop.set c42.crash.k" + n + " " + n + " save")
                                        .status()
                                == 200) {
                            acknowledged.add(n);
                        }
                    } catch (Exception connectionGone) {
                        return;
                    }
                }
            });
            writer.start();
            await("25 acknowledged saves")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> acknowledged.size() >= 25);
            server.destroyForcibly();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            writer.join(30_000);
        } finally {
            server.destroyForcibly();
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(25);

        try (AuthorityServer again = Servers.start(dir)) {
            for (int n : acknowledged) {
                assertThat(again.execute("prop.show c42.crash.k" + n).output())
                        .isEqualTo("c42.crash.k" + n + " = " + n + " (saved)");
            }
        }
        try (Store store = new Store(Database.embedded(dir))) {
            Map<String, StoredProperty> saved = store.tx(store.properties()::all);
            List<AuditEntry> audit = store.tx(c -> store.auditLog().recent(c, 100_000));
            Set<String> audited = ConcurrentHashMap.newKeySet();
            for (AuditEntry e : audit) {
                if (e.succeeded() && e.command().startsWith("prop.set c42.crash.")) {
                    audited.add(e.command().split(" ")[1]);
                }
            }
            Set<String> savedCrashKeys = ConcurrentHashMap.newKeySet();
            saved.keySet().stream().filter(k -> k.startsWith("c42.crash.")).forEach(savedCrashKeys::add);
            assertThat(savedCrashKeys).isEqualTo(audited);
        }
    }

    private static int consolePort(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            String line = out.readLine();
            if (line == null) {
                break;
            }
            seen.append(line).append('\n');
            Matcher m = CONSOLE.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe flowing
                        }
                    } catch (java.io.IOException ignored) {
                        // process killed
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("no console URL in the server's output:\n" + seen);
    }
}
