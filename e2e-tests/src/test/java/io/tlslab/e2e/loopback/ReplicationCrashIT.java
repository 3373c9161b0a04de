package io.tlslab.e2e.loopback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tlslab.e2e.support.CliResult;
import io.tlslab.e2e.support.ServerProcess;
import io.tlslab.server.cli.ConsoleClient;
import io.tlslab.server.store.AuditEntry;
import io.tlslab.server.store.Database;
import io.tlslab.server.store.Store;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: kill -9 of a server during {@code save all}, with its peer linked on 4288. Two servers
 * in their own JVMs on loopback; the origin runs a stream of {@code save all} commands and is killed
 * while one is in flight, then started again. Whatever instant the kill hits, the peer must end with
 * the origin's value, every change the origin answered must arrive, in order, and none twice. Then
 * once more with the peer down, so that the change is certainly still queued when the kill hits.
 */
class ReplicationCrashIT {
    private static final String KEY = "c42.e2e.counter";
    private static final Pattern REPLICATED =
            Pattern.compile("^replicated prop\\.set " + Pattern.quote(KEY) + " (\\d+) from \\S+$");
    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final int QUEUED_AT_KILL = 1000;

    @TempDir
    Path data;

    @Test
    void an_origin_killed_during_save_all_delivers_every_change_once_in_order_after_its_restart() throws Exception {
        Set<Integer> answered = ConcurrentHashMap.newKeySet();
        String originValue;
        try (ServerProcess peer = ServerProcess.start("replication-peer", data.resolve("peer"))) {
            ServerProcess origin = ServerProcess.start(
                    "replication-origin",
                    data.resolve("origin"),
                    "--peer",
                    "127.0.0.1:" + peer.serverPort(),
                    "--peer-fingerprint",
                    peer.messagingSha256());
            try {
                CliResult trust =
                        peer.cli("prop.set c42.pki.cert.trustedFingerprints " + origin.messagingSha256() + " save");
                assertThat(trust.exitCode()).as(trust.toString()).isZero();

                ConsoleClient console = signedIn(origin);
                Thread writer = new Thread(() -> {
                    for (int n = 1; n <= 500; n++) {
                        try {
                            ConsoleClient.Reply r = console.command("prop.set " + KEY + " " + n + " save all");
                            if (r.status() == 200) {
                                answered.add(n);
                            }
                        } catch (Exception originGone) {
                            return;
                        }
                    }
                });
                writer.start();
                await().atMost(BOUND)
                        .pollInterval(Duration.ofMillis(10))
                        .until(() -> answered.size() >= 5 || !writer.isAlive());
                assertThat(answered).as("save all answered before the kill").hasSizeGreaterThanOrEqualTo(5);
                origin.kill(); // while the writer's next save all is in flight
                writer.join(BOUND.toMillis());
                assertThat(writer.isAlive()).isFalse();

                origin.startAgain();
                originValue = awaitDrained(origin);
                CliResult onPeer = peer.cli("prop.show " + KEY);
                assertThat(onPeer.stdout().strip()).as(onPeer.toString()).isEqualTo(originValue);

                // the same with the change certainly queued at the kill: the peer is down meanwhile
                peer.stop();
                ConsoleClient again = signedIn(origin);
                ConsoleClient.Reply queued = again.command("prop.set " + KEY + " " + QUEUED_AT_KILL + " save all");
                assertThat(queued.text()).contains("queued (");
                origin.kill();
                peer.startAgain();
                origin.startAgain();
                assertThat(awaitDrained(origin)).isEqualTo(KEY + " = " + QUEUED_AT_KILL + " (replicated)");
                CliResult delivered = peer.cli("prop.show " + KEY);
                assertThat(delivered.stdout().strip())
                        .as(delivered.toString())
                        .isEqualTo(KEY + " = " + QUEUED_AT_KILL + " (replicated)");
            } finally {
                origin.stop();
            }
        }
        int last = Integer.parseInt(originValue.replaceAll(".* = (\\d+) .*", "$1"));
        List<Integer> applied = appliedOnPeer(data.resolve("peer"));
        assertThat(applied).as("in order, none twice").isSorted().doesNotHaveDuplicates();
        assertThat(applied).as("every answered save all arrived").containsAll(answered);
        assertThat(applied.subList(applied.size() - 2, applied.size())).containsExactly(last, QUEUED_AT_KILL);
    }

    /** Waits until the restarted origin's outbox is empty; returns its {@code prop.show} line. */
    private static String awaitDrained(ServerProcess origin) {
        AtomicReference<CliResult> queues = new AtomicReference<>();
        try {
            await().atMost(BOUND).pollInterval(Duration.ofMillis(500)).until(() -> {
                queues.set(origin.cli("replication.show"));
                return queues.get().exitCode() == 0 && queues.get().stdout().contains(": 0 queued");
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the origin's outbox did not drain within " + BOUND + ": " + queues.get());
        }
        return origin.cli("prop.show " + KEY).stdout().strip();
    }

    private static ConsoleClient signedIn(ServerProcess server) throws Exception {
        ConsoleClient c = new ConsoleClient(URI.create(server.consoleUrl()), null, true);
        int status = c.login("admin", ServerProcess.ADMIN_PASSWORD).status();
        assertThat(status).as("sign-in").isEqualTo(200);
        return c;
    }

    /** The counter values the peer applied, oldest first, from its audit log (the peer is stopped). */
    private static List<Integer> appliedOnPeer(Path dataDir) {
        try (Store store = new Store(Database.embedded(dataDir))) {
            List<AuditEntry> newestFirst = store.tx(c -> store.auditLog().recent(c, 100_000));
            List<Integer> out = new ArrayList<>();
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                AuditEntry e = newestFirst.get(i);
                Matcher m = REPLICATED.matcher(e.command());
                if (e.channel().equals("replication") && m.matches()) {
                    out.add(Integer.parseInt(m.group(1)));
                }
            }
            return out;
        }
    }
}
