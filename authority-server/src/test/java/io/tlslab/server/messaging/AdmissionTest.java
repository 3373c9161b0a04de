package io.tlslab.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.tlslab.server.metrics.ServerMetrics;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    @Test
    void anAddressGetsItsShareOfHandshakesThenItsShareOfConnections() {
        Admission admission = new Admission("endpoints", new Admission.Limits(100, 100, 3, 2), new ServerMetrics());
        List<EmbeddedChannel> channels = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            channels.add(new EmbeddedChannel(admission));
        }
        assertThat(channels).extracting(EmbeddedChannel::isOpen).containsExactly(true, true, false);
        admission.handshakeDone(channels.get(0));
        admission.handshakeDone(channels.get(1));
        EmbeddedChannel third = new EmbeddedChannel(admission);
        assertThat(third.isOpen())
                .as("handshakes done: a third connection fits")
                .isTrue();
        EmbeddedChannel fourth = new EmbeddedChannel(admission);
        assertThat(fourth.isOpen())
                .as("three connections held: the fourth is refused")
                .isFalse();
        assertThat(admission.connectionsFrom(InetAddress.getLoopbackAddress())).isEqualTo(3);
        channels.get(0).close();
        third.close();
        channels.get(1).close();
        assertThat(admission.connectionsFrom(InetAddress.getLoopbackAddress())).isZero();
        assertThat(admission.openConnections()).isZero();
    }

    @Test
    void theListenerCapDerivesFromTheDescriptorLimitWithAReserve() {
        ConnectionBudget small = ConnectionBudget.of(1024, 20_000);
        assertThat(small.endpointConnections()).isEqualTo(768);
        assertThat(small.serverConnections()).isEqualTo(64);
        assertThat(small.endpointConnections() + small.serverConnections()).isLessThan(1024);
        ConnectionBudget big = ConnectionBudget.of(1_048_576, 20_000);
        assertThat(big.endpointConnections())
                .as("the configured cap when it is lower")
                .isEqualTo(20_000);
        assertThat(ConnectionBudget.of(-1, 20_000).endpointConnections()).isEqualTo(20_000);
        assertThat(ConnectionBudget.processDescriptorLimit()).isPositive();
    }
}
