package io.tlslab.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlslab.server.messaging.HandshakeSlots.Verdict;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandshakeSlotsTest {
    private static final InetAddress A = address(2);
    private static final InetAddress B = address(3);

    @Test
    void anAddressAtItsOwnLimitWaitsWhileOthersStillGetSlots() {
        HandshakeSlots<String> slots = new HandshakeSlots<>(10, 1, 10, 10);
        assertThat(slots.acquire(A, "a1")).isEqualTo(Verdict.ADMITTED);
        assertThat(slots.acquire(A, "a2")).isEqualTo(Verdict.QUEUED);
        assertThat(slots.acquire(B, "b1")).as("global slots are free").isEqualTo(Verdict.ADMITTED);
        assertThat(slots.release(B))
                .as("B's slot frees nothing for A, which waits for its own")
                .isEmpty();
        assertThat(slots.release(A)).containsExactly("a2");
        assertThat(slots.inFlightFrom(A)).isEqualTo(1);
        assertThat(slots.queued()).isZero();
    }

    @Test
    void aWaiterTakenOutOfTheQueueCannotBeCancelledItsSlotMustBeReleased() {
        HandshakeSlots<String> slots = new HandshakeSlots<>(1, 1, 10, 10);
        slots.acquire(A, "a1");
        slots.acquire(A, "a2");
        slots.acquire(A, "a3");
        assertThat(slots.cancel(A, "a3")).as("still queued").isTrue();
        assertThat(slots.release(A)).containsExactly("a2");
        assertThat(slots.cancel(A, "a2")).as("holds a slot now").isFalse();
        assertThat(slots.release(A)).isEmpty();
        assertThat(slots.inFlight()).isZero();
        assertThatThrownBy(() -> slots.release(A)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theQueueIsBoundedOverallAndPerAddress() {
        HandshakeSlots<String> slots = new HandshakeSlots<>(1, 1, 3, 2);
        slots.acquire(A, "a1");
        assertThat(List.of(slots.acquire(A, "a2"), slots.acquire(A, "a3"), slots.acquire(A, "a4")))
                .containsExactly(Verdict.QUEUED, Verdict.QUEUED, Verdict.ADDRESS_QUEUE_FULL);
        assertThat(List.of(slots.acquire(B, "b1"), slots.acquire(B, "b2")))
                .containsExactly(Verdict.QUEUED, Verdict.QUEUE_FULL);
        assertThat(new HandshakeSlots<String>(1, 1, 0, 0).acquire(A, "x")).isEqualTo(Verdict.ADMITTED);
    }

    private static InetAddress address(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
