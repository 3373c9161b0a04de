package io.tlslab.server.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.KeyPurpose;
import io.tlslab.protocol.settings.FingerprintList;
import io.tlslab.protocol.wire.Message;
import io.tlslab.server.AuthorityServer;
import io.tlslab.server.messaging.PeerTrust;
import io.tlslab.server.metrics.ServerMetrics;
import io.tlslab.server.store.AuditEntry;
import io.tlslab.server.store.Database;
import io.tlslab.server.store.Store;
import io.tlslab.server.support.Servers;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.Transport;
import io.tlslab.tls.identity.ServedIdentity;
import io.tlslab.tls.retry.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 finding 7: {@code save all} to a peer that is down is kept in a durable outbox and
 * delivered, in order and exactly once, when the peer comes back, also across a restart of the
 * sending server; an old update sent again is refused.
 */
class ReplicationOutboxTest {
    private static final String ALPHA = "c42.test.alpha";
    private static final String BETA = "c42.test.beta";

    @TempDir
    Path dirA;

    @TempDir
    Path dirB;

    /** Started once to learn its port and certificate, then stopped: "the peer is down". */
    private record DownPeer(int port, String fingerprint) {}

    private DownPeer peerThatWillBeDown() {
        try (AuthorityServer b = Servers.start(dirB)) {
            return new DownPeer(b.serverPort(), b.messagingFingerprintSha256().toString());
        }
    }

    private AuthorityServer origin(DownPeer b) {
        AuthorityServer.Builder builder = Servers.builder(dirA)
                .peers(List.of("127.0.0.1:" + b.port()))
                .peerFingerprints(FingerprintList.parse(b.fingerprint()));
        // short delays keep the test quick; the order and exactly-once claims do not depend on them
        builder.config().replicationRetry(RetryPolicy.exponential(Duration.ofMillis(100), Duration.ofMillis(500)));
        return builder.start();
    }

    private AuthorityServer startPeer(DownPeer b, AuthorityServer a) {
        AuthorityServer peer = Servers.builder(dirB).serverPort(b.port()).start();
        assertThat(peer.execute("prop.set c42.pki.cert.trustedFingerprints " + a.messagingFingerprintSha256() + " save")
                        .ok())
                .isTrue();
        return peer;
    }

    @Test
    void aPeerDownDuringSaveAllGetsEveryChangeInOrderExactlyOnceWhenItComesBack() {
        DownPeer b = peerThatWillBeDown();
        String peer = "127.0.0.1:" + b.port();
        String originId;
        try (AuthorityServer a = origin(b)) {
            originId = a.serverId();
            List<String> commands = List.of(
                    "prop.set " + ALPHA + " one save all",
                    "prop.set " + BETA + " first save all",
                    "prop.set " + BETA + " second save all",
                    "prop.del " + ALPHA + " save all");
            for (String command : commands) {
                String out = a.execute(command).output();
                assertThat(out).contains("replicated to 0 of 1 servers\n" + peer + " queued (cannot connect");
            }
            assertThat(a.execute("replication.show").output())
                    .startsWith(peer + ": 4 queued; last attempt failed: cannot connect");

            try (AuthorityServer back = startPeer(b, a)) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> a.execute("replication.show").output().startsWith(peer + ": 0 queued"));
                assertThat(back.execute("prop.show " + BETA).output()).isEqualTo(BETA + " = second (replicated)");
                assertThat(back.execute("prop.show " + ALPHA).output()).endsWith("(default)");
                // a change once the peer is up is acknowledged at once
                assertThat(a.execute("prop.set " + BETA + " third save all").output())
                        .endsWith("replicated to 1 of 1 servers\n" + peer + " acknowledged");
            }
        }
        assertThat(replicatedCommands(dirB))
                .containsExactly(
                        "replicated prop.set " + ALPHA + " one from " + originId,
                        "replicated prop.set " + BETA + " first from " + originId,
                        "replicated prop.set " + BETA + " second from " + originId,
                        "replicated prop.del " + ALPHA + " from " + originId,
                        "replicated prop.set " + BETA + " third from " + originId);
    }

    @Test
    void aChangeQueuedBeforeTheOriginRestartedIsStillDelivered() {
        DownPeer b = peerThatWillBeDown();
        AuthorityServer a = origin(b);
        try {
            assertThat(a.execute("prop.set " + ALPHA + " kept save all").output())
                    .contains("queued (cannot connect");
            // the origin stops with the change still queued, and starts again on the same data
            a = a.restart();
            assertThat(a.execute("replication.show").output()).startsWith("127.0.0.1:" + b.port() + ": 1 queued");
            try (AuthorityServer back = startPeer(b, a)) {
                await().atMost(Duration.ofSeconds(60))
                        .until(
                                () -> back.execute("prop.show " + ALPHA).output(),
                                out -> out.equals(ALPHA + " = kept (replicated)"));
            }
        } finally {
            a.close();
        }
        assertThat(replicatedCommands(dirB)).hasSize(1);
    }

    @Test
    void anOldUpdateSentAgainIsRefusedAndTheLastOneIsAcknowledgedWithoutBeingAppliedAgain() throws Exception {
        DownPeer down = peerThatWillBeDown();
        HeldCertificate replayer = HeldCertificate.builder()
                .commonName("replayer")
                .extendedKeyUsage(KeyPurpose.SERVER_AUTH, KeyPurpose.CLIENT_AUTH)
                .build();
        io.netty.channel.EventLoopGroup group = Transport.group(1);
        String originId;
        try (AuthorityServer a = origin(down);
                AuthorityServer b = startPeer(down, a)) {
            originId = a.serverId();
            a.execute("prop.set " + BETA + " first save all");
            assertThat(a.execute("prop.set " + BETA + " second save all").output())
                    .endsWith("acknowledged");
            // another member of the environment (its certificate is on B's list) replays A's updates
            b.execute("prop.set c42.pki.cert.trustedFingerprints " + a.messagingFingerprintSha256() + ","
                    + replayer.sha256() + " save");
            PeerConnector connector = new PeerConnector(
                    "replayer",
                    group,
                    TlsEngine.JDK,
                    () -> new ServedIdentity(replayer.privateKey(), List.of(replayer.certificate())),
                    new PeerTrust(() -> FingerprintList.of(b.messagingFingerprintSha256())),
                    new ServerMetrics(),
                    Duration.ofSeconds(10));
            try (PeerLink link = connector.open("127.0.0.1:" + b.serverPort())) {
                PeerLink.Answer old = link.send(new Message.PropertyUpdate(1, BETA, "first", originId));
                assertThat(old.acknowledged()).isFalse();
                assertThat(old.refusal()).startsWith("replayed or out-of-order update: sequence 1");
            }
            try (PeerLink link = connector.open("127.0.0.1:" + b.serverPort())) {
                PeerLink.Answer last = link.send(new Message.PropertyUpdate(2, BETA, "forged", originId));
                assertThat(last.acknowledged())
                        .as("the last one again: delivered already")
                        .isTrue();
            }
            assertThat(b.execute("prop.show " + BETA).output()).isEqualTo(BETA + " = second (replicated)");
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS)
                    .syncUninterruptibly();
        }
        assertThat(replicatedCommands(dirB))
                .containsExactly(
                        "replicated prop.set " + BETA + " first from " + originId,
                        "replicated prop.set " + BETA + " second from " + originId);
    }

    /** The replication rows of a stopped server's audit log, oldest first. */
    private static List<String> replicatedCommands(Path dataDir) {
        try (Store store = new Store(Database.embedded(dataDir))) {
            List<AuditEntry> newestFirst = store.tx(c -> store.auditLog().recent(c, 1000));
            List<String> out = new ArrayList<>();
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                AuditEntry e = newestFirst.get(i);
                if (e.channel().equals("replication")) {
                    out.add(e.command());
                }
            }
            return out;
        }
    }
}
