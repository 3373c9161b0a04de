package io.tlslab.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.KeyPurpose;
import io.tlslab.protocol.settings.FingerprintList;
import io.tlslab.protocol.wire.Message;
import io.tlslab.protocol.wire.ProductVersion;
import io.tlslab.protocol.wire.Role;
import io.tlslab.server.AuthorityServer;
import io.tlslab.server.command.CommandResult;
import io.tlslab.server.command.Replicator;
import io.tlslab.server.metrics.ServerMetrics;
import io.tlslab.server.replication.PeerConnector;
import io.tlslab.server.replication.ReplicationOutbox;
import io.tlslab.server.store.Database;
import io.tlslab.server.store.Store;
import io.tlslab.server.support.Servers;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.Transport;
import io.tlslab.tls.identity.ServedIdentity;
import io.tlslab.tls.retry.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 4288: {@code save all} reaches the other servers of the environment, and nobody else gets in. */
class ReplicationTest {
    private static final String KEY = "c42.sabre.server.certificate.useHttpsCertificate";

    @TempDir
    Path dirA;

    @TempDir
    Path dirB;

    @TempDir
    Path dirC;

    @Test
    void saveAllReplicatesToMembersAndANonMemberIsRefused() throws Exception {
        try (AuthorityServer b = Servers.start(dirB)) {
            AuthorityServer a = Servers.builder(dirA)
                    .peers(List.of("127.0.0.1:" + b.serverPort()))
                    .peerFingerprints(FingerprintList.of(b.messagingFingerprintSha256()))
                    .start();
            AuthorityServer c = Servers.builder(dirC)
                    .peers(List.of("127.0.0.1:" + b.serverPort()))
                    .peerFingerprints(FingerprintList.of(b.messagingFingerprintSha256()))
                    .start();
            try (a;
                    c) {
                // B accepts A (its certificate is pinned on B) but not C.
                assertThat(b.execute("prop.set c42.pki.cert.trustedFingerprints " + a.messagingFingerprintSha256()
                                        + " save")
                                .ok())
                        .isTrue();

                CommandResult fromA = a.execute("prop.set " + KEY + " true save all");
                assertThat(fromA.output())
                        .endsWith("replicated to 1 of 1 servers\n127.0.0.1:" + b.serverPort() + " acknowledged");
                assertThat(b.execute("prop.show " + KEY).output()).isEqualTo(KEY + " = true (replicated)");

                CommandResult fromC = c.execute("prop.set " + KEY + " false save all");
                assertThat(fromC.output())
                        .contains("replicated to 0 of 1 servers\n127.0.0.1:" + b.serverPort()
                                + " queued (TLS handshake failed");
                assertThat(b.execute("prop.show " + KEY).output()).isEqualTo(KEY + " = true (replicated)");

                CommandResult deletion = a.execute("prop.del " + KEY + " save all");
                assertThat(deletion.output()).contains("replicated to 1 of 1 servers");
                assertThat(b.execute("prop.show " + KEY).output()).isEqualTo(KEY + " = false (default)");
            }
        }
    }

    @Test
    void aPeerWithoutAPinnedCertificateCannotEvenFinishTheHandshake() throws Exception {
        try (AuthorityServer b = Servers.start(dirB)) {
            HeldCertificate stranger = HeldCertificate.builder()
                    .commonName("stranger")
                    .extendedKeyUsage(KeyPurpose.SERVER_AUTH, KeyPurpose.CLIENT_AUTH)
                    .build();
            ServedIdentity id = new ServedIdentity(stranger.privateKey(), List.of(stranger.certificate()));
            io.netty.channel.EventLoopGroup group = Transport.group(1);
            String peer = "127.0.0.1:" + b.serverPort();
            try (Store store = new Store(Database.embedded(dirC));
                    ReplicationOutbox outbox = new ReplicationOutbox(
                            store,
                            "stranger",
                            List.of(peer),
                            new PeerConnector(
                                    "stranger",
                                    group,
                                    TlsEngine.JDK,
                                    () -> id,
                                    new PeerTrust(() -> FingerprintList.of(b.messagingFingerprintSha256())),
                                    new ServerMetrics(),
                                    Duration.ofSeconds(10)),
                            RetryPolicy.fixed(Duration.ofMinutes(5)),
                            Duration.ofSeconds(20),
                            java.time.Clock.systemUTC())) {
                long ticket = store.tx(c -> outbox.queue(c, KEY, "true"));
                Replicator.Report report = outbox.await(ticket);
                assertThat(report.acknowledged()).isZero();
                assertThat(report.deliveries().get(0).delivery()).isEqualTo(Replicator.Delivery.QUEUED);
                assertThat(report.deliveries().get(0).why()).startsWith("TLS handshake failed");
                assertThat(outbox.queues())
                        .singleElement()
                        .satisfies(q -> assertThat(q.depth()).isOne());
            } finally {
                group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS)
                        .syncUninterruptibly();
            }
            assertThat(b.execute("prop.show " + KEY).output()).endsWith("(default)");
            // A client without any certificate is refused on 4288 too, whatever it then says.
            boolean refused;
            try (var e = io.tlslab.server.support.TestEndpoint.connect(b.serverPort())) {
                e.send(new Message.Hello(Role.AUTHORITY, "anon", ProductVersion.parse("6.0")));
                refused = e.closedByServer(Duration.ofSeconds(10));
            } catch (java.io.IOException handshakeOrWriteRefused) {
                refused = true;
            }
            assertThat(refused).isTrue();
            assertThat(b.devices()).noneMatch(d -> d.guid().equals("anon"));
        }
    }

    @Test
    void caSignedPeersAreMembersThroughTheEnvironmentRoots() throws Exception {
        io.tlslab.ca.testing.TestPki pki = io.tlslab.ca.testing.TestPki.current();
        Path roots = dirC.resolve("roots.pem");
        java.nio.file.Files.writeString(roots, io.tlslab.protocol.pem.Pem.certificate(pki.root.certificate()));
        try (AuthorityServer b = Servers.builder(dirB).trustAnchorsPem(roots).start()) {
            install(b, pki, "server-b");
            try (AuthorityServer a = Servers.builder(dirA)
                    .trustAnchorsPem(roots)
                    .peers(List.of("127.0.0.1:" + b.serverPort()))
                    .start()) {
                install(a, pki, "server-a");
                assertThat(a.execute("prop.set " + KEY + " true save all").output())
                        .contains("replicated to 1 of 1 servers");
                assertThat(b.execute("prop.show " + KEY).output()).isEqualTo(KEY + " = true (replicated)");
            }
        }
    }

    /** A CA-signed messaging certificate (names: localhost, 127.0.0.1) for one server. */
    private static void install(AuthorityServer server, io.tlslab.ca.testing.TestPki pki, String name)
            throws Exception {
        HeldCertificate leaf = HeldCertificate.builder()
                .commonName(name)
                .subjectAlternativeNames("localhost", "127.0.0.1")
                .extendedKeyUsage(KeyPurpose.SERVER_AUTH, KeyPurpose.CLIENT_AUTH)
                .signedBy(pki.intermediate)
                .build();
        String pem = io.tlslab.protocol.pem.Pem.privateKey(leaf.privateKey())
                + io.tlslab.protocol.pem.Pem.certificates(List.of(leaf.certificate(), pki.intermediate.certificate()));
        server.certificates()
                .install(
                        io.tlslab.server.cert.ListenerPurpose.MESSAGING,
                        pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        new char[0],
                        null,
                        io.tlslab.server.command.Actor.system());
        assertThat(server.messagingFingerprintSha256()).isEqualTo(leaf.sha256());
    }
}
