package io.tlslab.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.tlslab.ca.testing.TestPki;
import io.tlslab.server.config.AcceptLoops;
import io.tlslab.server.config.ServerConfig;
import io.tlslab.server.metrics.ServerMetrics;
import io.tlslab.server.support.TestEndpoint;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.Transport;
import io.tlslab.tls.identity.ServedIdentity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing a listener hangs up on every connection it accepted, by itself: a restart must not depend on
 * the event loops' shutdown to close them. (Netty 4.2 loops ended by {@code shutdownGracefully(0, ...)}
 * were seen to leave some accepted sockets open, so held endpoints stayed connected to a stopped server
 * until their idle timeout.) The loops here keep running, so only the listener can close anything.
 */
class MessagingListenerCloseTest {
    @TempDir
    Path dir;

    private final EventLoopGroup boss = Transport.group(1);
    private final EventLoopGroup workers = Transport.group(2);

    @AfterEach
    void stopLoops() {
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void closingTheSingleListenerClosesEveryConnectionItAccepted() throws Exception {
        everyConnectionIsClosedWithTheListener(AcceptLoops.SINGLE);
    }

    @Test
    void closingReusePortListenersClosesEveryConnectionTheyAccepted() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Transport.epoll(), "SO_REUSEPORT listeners need Linux epoll");
        everyConnectionIsClosedWithTheListener(new AcceptLoops(2));
    }

    private void everyConnectionIsClosedWithTheListener(AcceptLoops loops) throws Exception {
        TestPki pki = TestPki.current();
        ServerConfig config = ServerConfig.builder()
                .dataDir(dir)
                .engine(TlsEngine.preferred())
                .acceptLoops(loops)
                .helloTimeout(Duration.ofMinutes(1)) // only the listener's close may end these connections
                .build();
        List<TestEndpoint> held = new ArrayList<>();
        MessagingListener listener = new MessagingListener(
                ListenerKind.ENDPOINTS,
                config,
                new ServedIdentity(pki.leaf.privateKey(), pki.served(pki.leaf)),
                null,
                new ServerMetrics(),
                hello -> null,
                100);
        try {
            int port = listener.bind(boss, workers, 0);
            for (int i = 0; i < 12; i++) {
                held.add(TestEndpoint.connect(port)); // handshaken, then idle before HELLO
            }
            listener.close();
            for (TestEndpoint e : held) {
                assertThat(e.closedByServer(Duration.ofSeconds(5)))
                        .as("the listener hung up on the connection it accepted")
                        .isTrue();
            }
        } finally {
            listener.close();
            for (TestEndpoint e : held) {
                e.close();
            }
        }
    }
}
