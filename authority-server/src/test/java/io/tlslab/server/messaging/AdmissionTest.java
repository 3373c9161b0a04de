package io.tlslab.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import io.tlslab.server.metrics.ServerMetrics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AdmissionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ServerMetrics metrics = new ServerMetrics();
    /** The clock of every test channel's event loop: the queue wait runs on it, never on the machine's. */
    private static final MockTicker CLOCK = Ticker.newMockTicker();

    @Test
    void withoutAQueueAnAddressGetsItsShareOfHandshakesThenItsShareOfConnections() {
        Admission admission = new Admission("endpoints", new Admission.Limits(100, 100, 3, 2, 0, 0, WAIT), metrics);
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
        assertThat(metrics.scrape())
                .contains(refused("handshake_queue_full", 1), refused("connections_per_address", 1));
    }

    @Test
    void beyondTheHandshakeLimitAConnectionWaitsWithoutTlsAndStartsWhenASlotFrees() {
        Admission admission = new Admission("endpoints", new Admission.Limits(100, 1, 100, 1, 10, 10, WAIT), metrics);
        EmbeddedChannel first = Peer.loopback().connect(admission);
        EmbeddedChannel second = Peer.loopback().connect(admission);

        assertThat(first.pipeline().get("tls"))
                .as("admitted: its pipeline is built")
                .isNotNull();
        assertThat(second.isOpen()).as("every slot taken: held, not closed").isTrue();
        assertThat(second.pipeline().get("tls")).as("no TLS work while waiting").isNull();
        assertThat(second.config().isAutoRead())
                .as("reading paused while waiting")
                .isFalse();
        assertThat(admission.waiting()).isEqualTo(1);
        assertThat(admission.openConnections())
                .as("a waiting connection counts")
                .isEqualTo(2);

        admission.handshakeDone(first);
        second.runPendingTasks();

        assertThat(second.pipeline().get("tls")).as("admitted after the wait").isNotNull();
        assertThat(second.pipeline().get("admitted")).isNull();
        assertThat(second.config().isAutoRead()).isTrue();
        assertThat(admission.waiting()).isZero();
        assertThat(admission.handshakesInProgress()).isEqualTo(1);
        assertThat(metrics.scrape())
                .contains("tlslab_handshakes_queued_total{listener=\"endpoints\"} 1.0")
                .contains("tlslab_handshakes_queue_wait_seconds_count{listener=\"endpoints\"} 1")
                .doesNotContain("tlslab_connections_refused_total");
    }

    @Test
    void aFullQueueClosesTheConnectionAndSaysWhichLimit() {
        Admission overall = new Admission("endpoints", new Admission.Limits(100, 1, 100, 1, 1, 5, WAIT), metrics);
        EmbeddedChannel slot = Peer.at("127.0.0.2").connect(overall);
        EmbeddedChannel waits = Peer.at("127.0.0.3").connect(overall);
        EmbeddedChannel refused = Peer.at("127.0.0.4").connect(overall);
        assertThat(List.of(slot, waits, refused))
                .extracting(EmbeddedChannel::isOpen)
                .containsExactly(true, true, false);
        assertThat(metrics.scrape()).contains(refused("handshake_queue_full", 1));

        Admission perAddress = new Admission("servers", new Admission.Limits(100, 10, 100, 1, 10, 1, WAIT), metrics);
        Peer one = Peer.at("127.0.0.5");
        EmbeddedChannel a = one.connect(perAddress);
        EmbeddedChannel b = one.connect(perAddress);
        EmbeddedChannel c = one.connect(perAddress);
        EmbeddedChannel other = Peer.at("127.0.0.6").connect(perAddress);
        assertThat(List.of(a, b, c, other))
                .as("one handshake and one waiting per address: the third from it is closed, others still get in")
                .extracting(EmbeddedChannel::isOpen)
                .containsExactly(true, true, false, true);
        assertThat(other.pipeline().get("tls")).isNotNull();
        assertThat(metrics.scrape())
                .contains(
                        "tlslab_connections_refused_total{listener=\"servers\",why=\"handshake_queue_full_per_address\"} 1.0");
    }

    @Test
    void freedSlotsGoToTheWaitingAddressesInTurn() {
        Admission admission = new Admission("endpoints", new Admission.Limits(100, 1, 100, 100, 10, 10, WAIT), metrics);
        Peer busy = Peer.at("127.0.0.7");
        Peer quiet = Peer.at("127.0.0.8");
        EmbeddedChannel holder = busy.connect(admission);
        List<EmbeddedChannel> busyWaiting =
                List.of(busy.connect(admission), busy.connect(admission), busy.connect(admission));
        List<EmbeddedChannel> quietWaiting = List.of(quiet.connect(admission), quiet.connect(admission));
        List<EmbeddedChannel> all = new ArrayList<>(busyWaiting);
        all.addAll(quietWaiting);

        List<EmbeddedChannel> order = new ArrayList<>();
        EmbeddedChannel running = holder;
        for (int i = 0; i < all.size(); i++) {
            admission.handshakeDone(running);
            all.forEach(EmbeddedChannel::runPendingTasks);
            EmbeddedChannel started = all.stream()
                    .filter(ch -> ch.pipeline().get("tls") != null && !order.contains(ch))
                    .findFirst()
                    .orElseThrow();
            order.add(started);
            running = started;
        }
        assertThat(order)
                .as("the busy address queued three before the quiet one's two; the addresses still take turns")
                .containsExactly(
                        busyWaiting.get(0),
                        quietWaiting.get(0),
                        busyWaiting.get(1),
                        quietWaiting.get(1),
                        busyWaiting.get(2));
    }

    @Test
    void aConnectionThatWaitsLongerThanTheQueueWaitIsClosed() {
        Admission admission = new Admission("endpoints", new Admission.Limits(100, 1, 100, 1, 10, 10, WAIT), metrics);
        EmbeddedChannel holder = Peer.loopback().connect(admission);
        EmbeddedChannel waiting = Peer.loopback().connect(admission);

        CLOCK.advance(WAIT.toMillis() - 1, TimeUnit.MILLISECONDS);
        waiting.runScheduledPendingTasks();
        assertThat(waiting.isOpen()).as("just under the queue wait").isTrue();

        CLOCK.advance(1, TimeUnit.MILLISECONDS);
        waiting.runScheduledPendingTasks();
        assertThat(waiting.isOpen()).as("the queue wait reached").isFalse();
        assertThat(admission.waiting()).isZero();
        assertThat(admission.openConnections()).isEqualTo(1);
        assertThat(metrics.scrape()).contains(refused("handshake_queue_timeout", 1));

        admission.handshakeDone(holder);
        assertThat(admission.handshakesInProgress()).as("nobody left to start").isZero();
    }

    @Test
    void aWaitingConnectionThatClosesGivesBackItsPlaceAndItsSlot() {
        Admission admission = new Admission("endpoints", new Admission.Limits(100, 1, 100, 1, 10, 10, WAIT), metrics);
        EmbeddedChannel holder = Peer.loopback().connect(admission);
        EmbeddedChannel leavesWhileQueued = Peer.loopback().connect(admission);
        EmbeddedChannel leavesWhileStarting = Peer.loopback().connect(admission);

        leavesWhileQueued.close();
        assertThat(admission.waiting()).isEqualTo(1);

        admission.handshakeDone(holder); // the slot is taken for the last one, its start not run yet
        assertThat(admission.handshakesInProgress()).isEqualTo(1);
        leavesWhileStarting.close();
        leavesWhileStarting.runPendingTasks();

        assertThat(admission.handshakesInProgress()).isZero();
        assertThat(admission.waiting()).isZero();
        assertThat(admission.openConnections()).isEqualTo(1);
        assertThat(metrics.scrape()).doesNotContain("tlslab_connections_refused_total");
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

    private static String refused(String why, int n) {
        return "tlslab_connections_refused_total{listener=\"endpoints\",why=\"" + why + "\"} " + n + ".0";
    }

    /** Connections from one client address, each with admission and the listener's deferred pipeline. */
    private record Peer(InetSocketAddress address) {
        static Peer loopback() {
            return new Peer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 40_000));
        }

        static Peer at(String ip) {
            try {
                return new Peer(new InetSocketAddress(InetAddress.getByName(ip), 40_000));
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException(e);
            }
        }

        EmbeddedChannel connect(Admission admission) {
            // stands in for the listener's handlers: "tls" present means the connection was let in
            AdmittedPipeline admitted = new AdmittedPipeline(p -> p.addLast("tls", new ChannelInboundHandlerAdapter()));
            FromAddress ch = new FromAddress(address, admission, admitted);
            try {
                ch.register();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return ch;
        }
    }

    private static final class FromAddress extends EmbeddedChannel {
        private final SocketAddress remote;

        FromAddress(SocketAddress remote, ChannelHandler... handlers) {
            super(EmbeddedChannel.builder().register(false).handlers(handlers).ticker(CLOCK));
            this.remote = remote;
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return remote;
        }
    }
}
