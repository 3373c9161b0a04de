package io.tlslab.server.replication;

import io.tlslab.server.command.Replicator;
import io.tlslab.server.store.ReplicationOutboxRepository.OutboxEntry;
import io.tlslab.server.store.Store;
import io.tlslab.tls.retry.RetryPolicy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The durable replication of {@code save all}: each change is queued for every peer in the store,
 * in the transaction of the local change, numbered by a stored per-origin sequence; a sender per
 * peer delivers its queue in order, retrying with backoff until the peer acknowledges. The peer
 * applies each sequence at most once (its replication inbox), so a resend after a lost
 * acknowledgement or a crash is harmless.
 */
public final class ReplicationOutbox implements Replicator, AutoCloseable {
    private final Store store;
    private final String serverId;
    private final Map<String, PeerSender> senders = new LinkedHashMap<>();
    private final Duration answerWait;
    private final Clock clock;

    /**
     * @param answerWait how long {@code save all} waits for the peers' answers before reporting a
     *                   change as queued (delivery goes on in the background)
     */
    public ReplicationOutbox(
            Store store,
            String serverId,
            List<String> peers,
            PeerConnector connector,
            RetryPolicy retry,
            Duration answerWait,
            Clock clock) {
        this.store = store;
        this.serverId = serverId;
        this.answerWait = answerWait;
        this.clock = clock;
        for (String peer : peers) {
            senders.putIfAbsent(peer, new PeerSender(peer, store, connector, retry, clock));
        }
    }

    /** Starts delivering what an earlier run left queued (e.g. before a crash). */
    public ReplicationOutbox start() {
        senders.values().forEach(PeerSender::wake);
        return this;
    }

    @Override
    public long queue(Connection c, String key, String value) throws SQLException {
        if (senders.isEmpty()) {
            return 0;
        }
        long sequence = store.replicationOutbox().nextSequence(c, serverId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (String peer : senders.keySet()) {
            store.replicationOutbox().enqueue(c, new OutboxEntry(peer, sequence, serverId, key, value, now));
        }
        return sequence;
    }

    @Override
    public Report await(long ticket) {
        if (senders.isEmpty()) {
            return new Report(List.of());
        }
        List<CompletableFuture<PeerDelivery>> answers = new ArrayList<>();
        for (PeerSender s : senders.values()) {
            answers.add(s.watch(ticket));
            s.wake();
        }
        long deadline = System.nanoTime() + answerWait.toNanos();
        List<PeerDelivery> out = new ArrayList<>();
        int i = 0;
        for (PeerSender s : senders.values()) {
            out.add(answer(s.peer(), answers.get(i++), deadline));
        }
        return new Report(out);
    }

    private PeerDelivery answer(String peer, CompletableFuture<PeerDelivery> f, long deadline) {
        try {
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return new PeerDelivery(
                    peer,
                    Delivery.QUEUED,
                    "no answer within " + answerWait.toMillis() + " ms; retried until acknowledged");
        } catch (ExecutionException e) {
            return new PeerDelivery(
                    peer, Delivery.QUEUED, String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PeerDelivery(peer, Delivery.QUEUED, "interrupted; retried until acknowledged");
        }
    }

    @Override
    public List<PeerQueue> queues() {
        Map<String, Long> depths = store.tx(store.replicationOutbox()::depths);
        List<PeerQueue> out = new ArrayList<>();
        for (PeerSender s : senders.values()) {
            long depth = depths.getOrDefault(s.peer(), 0L);
            out.add(new PeerQueue(
                    s.peer(),
                    depth,
                    true,
                    depth == 0 ? Optional.empty() : s.lastFailure(),
                    depth == 0 ? Optional.empty() : s.nextAttempt()));
        }
        depths.forEach((peer, depth) -> {
            if (!senders.containsKey(peer)) {
                out.add(new PeerQueue(peer, depth, false, Optional.empty(), Optional.empty()));
            }
        });
        return out;
    }

    @Override
    public void close() {
        senders.values().forEach(PeerSender::close);
    }
}
