package io.tlslab.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.tlslab.ca.testing.TestPki;
import io.tlslab.server.config.AcceptLoops;
import io.tlslab.server.config.ServerConfig;
import io.tlslab.server.metrics.ServerMetrics;
import io.tlslab.server.support.TestEndpoint;
import io.tlslab.tls.Transport;
import io.tlslab.tls.identity.ServedIdentity;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The messaging listeners accept a connection once the client has spoken (TCP_DEFER_ACCEPT), on one
 * listening socket and on SO_REUSEPORT sockets alike; a connection that never speaks is still taken by
 * the kernel after the defer period and closed by the handshake timeout.
 */
class DeferAcceptTest {
    @TempDir
    Path dir;

    private EventLoopGroup loops;

    @BeforeEach
    void loops() {
        assumeTrue(Transport.epoll(), "TCP_DEFER_ACCEPT is a Linux epoll option");
        loops = Transport.group(2);
    }

    @AfterEach
    void stop() {
        if (loops != null) {
            loops.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "accept loops {0}")
    @ValueSource(ints = {0, 2})
    void listeningSocketsDeferAcceptAndASilentConnectionIsStillClosed(int acceptLoops) throws Exception {
        TestPki pki = TestPki.current();
        ServedIdentity served = new ServedIdentity(pki.leaf.privateKey(), pki.served(pki.leaf));
        ServerConfig config = ServerConfig.builder()
                .dataDir(dir)
                .bind("127.0.0.1")
                .acceptLoops(new AcceptLoops(acceptLoops))
                .handshakeTimeout(Duration.ofSeconds(1))
                .build();
        try (MessagingListener listener = new MessagingListener(
                ListenerKind.ENDPOINTS, config, served, null, new ServerMetrics(), hello -> null, 100)) {
            int port = listener.bind(loops, loops, 0);

            assertThat(listener.listeningChannels()).hasSize(Math.max(1, acceptLoops));
            for (Channel ch : listener.listeningChannels()) {
                assertThat(ch.config().getOption(EpollChannelOption.TCP_DEFER_ACCEPT))
                        .as("read back from the kernel")
                        .isEqualTo(MessagingListener.DEFER_ACCEPT_SECONDS);
            }

            // a client that speaks first (every TLS client) is served as before
            try (TestEndpoint e = TestEndpoint.connect(port)) {
                assertThat(e.protocol()).isEqualTo("TLSv1.3");
            }

            // silent: accepted by the kernel after the defer period, then the handshake timeout (1 s) closes it;
            // the read timeout is only a bound on a broken server, far above defer + timeout
            try (Socket silent = new Socket()) {
                silent.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                silent.setSoTimeout(60_000);
                InputStream in = silent.getInputStream();
                assertThat(readUntilClosed(in))
                        .as("closed by the server, nothing sent")
                        .isTrue();
            }
        }
    }

    private static boolean readUntilClosed(InputStream in) throws Exception {
        try {
            return in.read() < 0;
        } catch (SocketException reset) {
            return true;
        }
    }
}
