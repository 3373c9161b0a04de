package io.tlslab.server.messaging;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The handshake slots of one listener and the connections waiting for one. A slot is taken while
 * fewer than {@code max} handshakes are in progress and the address has fewer than {@code
 * maxPerAddress}; otherwise the waiter queues, first in first out within its address, and a freed slot
 * goes to the addresses in turn (round robin), so an address with a thousand waiters gets one slot in
 * k when k addresses wait. The queue is bounded twice: {@code maxQueued} in all and {@code
 * maxQueuedPerAddress} per address, so one address cannot fill it.
 *
 * <p>Invariant: an address is in {@link #ready} exactly when it has waiters and room under its own
 * limit; {@code ready} is non-empty only while every slot is taken. All state changes under this
 * object's lock: a handful of operations per connection, never a walk over all addresses.
 *
 * @param <W> what waits (the listener's per-connection ticket)
 */
final class HandshakeSlots<W> {
    enum Verdict {
        /** A slot is taken for the waiter now. */
        ADMITTED,
        /** No slot free: the waiter is in the queue. */
        QUEUED,
        /** No slot free and the queue holds {@code maxQueued} waiters. */
        QUEUE_FULL,
        /** No slot free and the address already has {@code maxQueuedPerAddress} waiters. */
        ADDRESS_QUEUE_FULL
    }

    /** Slots and waiters of one address; dropped as soon as it has neither. */
    private static final class PerAddress<W> {
        int inFlight;
        /** Made on the first waiter: most addresses never wait, and an address comes and goes per handshake. */
        private ArrayDeque<W> waiting;

        boolean hasWaiters() {
            return waiting != null && !waiting.isEmpty();
        }

        int waiters() {
            return waiting == null ? 0 : waiting.size();
        }

        void enqueue(W waiter) {
            if (waiting == null) {
                waiting = new ArrayDeque<>(4);
            }
            waiting.addLast(waiter);
        }
    }

    private final int max;
    private final int maxPerAddress;
    private final int maxQueued;
    private final int maxQueuedPerAddress;
    private final Map<InetAddress, PerAddress<W>> byAddress = new HashMap<>();
    /** Addresses whose next waiter may take the next free slot, in turn order. */
    private final LinkedHashSet<PerAddress<W>> ready = new LinkedHashSet<>();

    private int inFlight;
    private int queued;

    HandshakeSlots(int max, int maxPerAddress, int maxQueued, int maxQueuedPerAddress) {
        if (max < 1 || maxPerAddress < 1 || maxQueued < 0 || maxQueuedPerAddress < 0) {
            throw new IllegalArgumentException("handshake limits must be at least 1 and queue limits at least 0");
        }
        this.max = max;
        this.maxPerAddress = maxPerAddress;
        this.maxQueued = maxQueued;
        this.maxQueuedPerAddress = maxQueuedPerAddress;
    }

    /** Takes a slot for {@code waiter} from {@code address}, or queues it, or says why neither. */
    synchronized Verdict acquire(InetAddress address, W waiter) {
        PerAddress<W> p = byAddress.computeIfAbsent(address, a -> new PerAddress<>());
        if (inFlight < max && p.inFlight < maxPerAddress) {
            // by the invariant nobody is waiting for this slot: ready is empty and p has no waiters
            inFlight++;
            p.inFlight++;
            return Verdict.ADMITTED;
        }
        Verdict refused = queued >= maxQueued
                ? Verdict.QUEUE_FULL
                : p.waiters() >= maxQueuedPerAddress ? Verdict.ADDRESS_QUEUE_FULL : null;
        if (refused != null) {
            forgetIfIdle(address, p);
            return refused;
        }
        p.enqueue(waiter);
        queued++;
        if (p.inFlight < maxPerAddress) {
            ready.add(p); // waits only for a global slot
        }
        return Verdict.QUEUED;
    }

    /**
     * Gives back the slot of a handshake from {@code address} that ended (or of a waiter admitted but
     * gone before it started). Returns the waiters that now hold a slot, usually none or one: the
     * caller starts their handshakes.
     */
    synchronized List<W> release(InetAddress address) {
        PerAddress<W> p = byAddress.get(address);
        if (p == null || p.inFlight == 0) {
            throw new IllegalStateException("no handshake slot held by " + address);
        }
        p.inFlight--;
        inFlight--;
        if (p.hasWaiters()) {
            ready.add(p); // room under its own limit again; keeps its turn if already there
        }
        List<W> admitted = admitWaiting();
        forgetIfIdle(address, p);
        return admitted;
    }

    /**
     * Takes {@code waiter} out of the queue (it timed out or its connection closed). False when it is
     * no longer queued: a slot was already taken for it and the caller must {@link #release} it.
     */
    synchronized boolean cancel(InetAddress address, W waiter) {
        PerAddress<W> p = byAddress.get(address);
        if (p == null || !p.hasWaiters() || !p.waiting.remove(waiter)) {
            return false;
        }
        queued--;
        if (!p.hasWaiters()) {
            ready.remove(p);
        }
        forgetIfIdle(address, p);
        return true;
    }

    synchronized int inFlight() {
        return inFlight;
    }

    synchronized int queued() {
        return queued;
    }

    synchronized int inFlightFrom(InetAddress address) {
        PerAddress<W> p = byAddress.get(address);
        return p == null ? 0 : p.inFlight;
    }

    synchronized int queuedFrom(InetAddress address) {
        PerAddress<W> p = byAddress.get(address);
        return p == null ? 0 : p.waiters();
    }

    private List<W> admitWaiting() {
        List<W> admitted = List.of();
        while (inFlight < max && !ready.isEmpty()) {
            Iterator<PerAddress<W>> first = ready.iterator();
            PerAddress<W> next = first.next();
            first.remove();
            W waiter = next.waiting.pollFirst();
            queued--;
            next.inFlight++;
            inFlight++;
            if (admitted.isEmpty()) {
                admitted = new ArrayList<>(2);
            }
            admitted.add(waiter);
            if (next.hasWaiters() && next.inFlight < maxPerAddress) {
                ready.add(next); // to the back: the other addresses go first
            }
        }
        return admitted;
    }

    private void forgetIfIdle(InetAddress address, PerAddress<W> p) {
        if (p.inFlight == 0 && !p.hasWaiters()) {
            byAddress.remove(address);
        }
    }
}
