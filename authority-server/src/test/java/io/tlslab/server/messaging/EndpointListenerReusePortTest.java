package io.tlslab.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tlslab.protocol.wire.Message;
import io.tlslab.server.support.TestEndpoint;
import io.tlslab.tls.Transport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole 4287 suite again with three SO_REUSEPORT listening sockets on the messaging port (more
 * sockets than the two-core test machine has event loops, so two share a loop): the kernel spreads the
 * connections over them, and every behaviour must stay the same.
 */
class EndpointListenerReusePortTest extends EndpointListenerTest {
    @Override
    io.tlslab.server.config.AcceptLoops acceptLoops() {
        return new io.tlslab.server.config.AcceptLoops(3);
    }

    @BeforeEach
    @Override
    void start() {
        assumeTrue(Transport.epoll(), "SO_REUSEPORT listeners need Linux epoll");
        super.start();
    }

    @Test
    void manyEndpointsAreAllServedWhicheverSocketAcceptedThem() throws Exception {
        List<TestEndpoint> endpoints = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                endpoints.add(TestEndpoint.connect(server.messagingPort()).hello("guid-reuse-" + i, "6.0"));
            }
            for (TestEndpoint e : endpoints) {
                assertThat(e.read(Message.Settings.class).values()).isNotEmpty();
            }
            assertThat(server.openMessagingConnectionsFrom(java.net.InetAddress.getLoopbackAddress()))
                    .isEqualTo(12);
        } finally {
            for (TestEndpoint e : endpoints) {
                e.close();
            }
        }
    }
}
