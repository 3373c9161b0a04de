package io.tlslab.server.replication;

import io.tlslab.protocol.text.Untrusted;
import io.tlslab.protocol.wire.Message;
import io.tlslab.server.command.Replicator.Delivery;
import io.tlslab.server.command.Replicator.PeerDelivery;
import io.tlslab.server.store.AuditEntry;
import io.tlslab.server.store.ReplicationOutboxRepository.OutboxEntry;
import io.tlslab.server.store.Store;
import io.tlslab.tls.retry.Backoff;
import io.tlslab.tls.retry.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains one peer's outbox on a thread of its own: oldest entry first, one at a time, each removed
 * only once the peer answered. A failed attempt leaves the entries queued and retries after the
 * {@link Backoff} delay; a new {@code save all} retries at once.
 */
final class PeerSender {
    private static final Logger log = LoggerFactory.getLogger(PeerSender.class);
    private static final int BATCH = 32;
    /** Refusal reasons kept for late watchers of a settled sequence. */
    private static final int REMEMBERED_REFUSALS = 64;

    private final String peer;
    private final Store store;
    private final PeerConnector connector;
    private final Clock clock;
    private final Backoff backoff;
    private final ScheduledExecutorService thread;

    // guarded by this
    private ScheduledFuture<?> next;
    private long settledThrough;
    private final Map<Long, String> refusals = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
            return size() > REMEMBERED_REFUSALS;
        }
    };
    private final List<Watch> watches = new ArrayList<>();
    private String lastFailure;
    private Instant nextAttempt;
    private boolean closed;
    private long attempts;

    /** {@code afterAttempt}: only a failure of a later attempt (one that tried this sequence) answers it. */
    private record Watch(long sequence, long afterAttempt, CompletableFuture<PeerDelivery> result) {}

    PeerSender(String peer, Store store, PeerConnector connector, RetryPolicy retry, Clock clock) {
        this.peer = peer;
        this.store = store;
        this.connector = connector;
        this.clock = clock;
        this.backoff = new Backoff(retry, new SplittableRandom());
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tlslab-replication-" + peer);
            t.setDaemon(true);
            return t;
        });
    }

    String peer() {
        return peer;
    }

    /** Drains now, even while waiting out a backoff delay. */
    synchronized void wake() {
        if (closed) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        next = thread.schedule(this::drain, 0, TimeUnit.MILLISECONDS);
    }

    /**
     * Completes when {@code sequence} was acknowledged or refused, or when an attempt fails while it
     * waits (then: queued, with the failure).
     */
    synchronized CompletableFuture<PeerDelivery> watch(long sequence) {
        if (sequence <= settledThrough) {
            return CompletableFuture.completedFuture(settled(sequence));
        }
        CompletableFuture<PeerDelivery> f = new CompletableFuture<>();
        watches.add(new Watch(sequence, attempts, f));
        return f;
    }

    synchronized Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    synchronized Optional<Instant> nextAttempt() {
        return Optional.ofNullable(nextAttempt);
    }

    void close() {
        synchronized (this) {
            closed = true;
        }
        thread.shutdownNow();
        try {
            thread.awaitTermination(connector.timeout().toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        long attempt = startAttempt();
        try {
            while (!isClosed()) {
                List<OutboxEntry> batch =
                        store.tx(c -> store.replicationOutbox().oldest(c, peer, BATCH));
                if (batch.isEmpty()) {
                    succeeded();
                    return;
                }
                try (PeerLink link = connector.open(peer)) {
                    for (OutboxEntry e : batch) {
                        PeerLink.Answer answer =
                                link.send(new Message.PropertyUpdate(e.sequence(), e.key(), e.value(), e.origin()));
                        if (answer.acknowledged()) {
                            store.tx(c -> store.replicationOutbox().remove(c, peer, e.sequence()));
                            settle(e.sequence(), null);
                        } else {
                            refused(e, answer.refusal());
                            break; // the peer hangs up after a refusal: the next entry needs a new connection
                        }
                    }
                }
                backoff.reset();
            }
        } catch (PeerUnreachable | RuntimeException e) {
            failed(attempt, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private synchronized long startAttempt() {
        return ++attempts;
    }

    private void refused(OutboxEntry e, String why) {
        String command = "replicate sequence " + e.sequence() + " ("
                + (e.value() == null ? "prop.del " + e.key() : "prop.set " + e.key()) + ") to " + peer;
        store.tx(c -> {
            store.replicationOutbox().remove(c, peer, e.sequence());
            store.auditLog()
                    .append(
                            c,
                            new AuditEntry(
                                    OffsetDateTime.now(clock),
                                    "system",
                                    "replication",
                                    command,
                                    false,
                                    "refused: " + why));
            return null;
        });
        log.warn("{} refused by the peer, not retried: {}", command, Untrusted.escape(why));
        settle(e.sequence(), why);
    }

    private synchronized void settle(long sequence, String refusal) {
        settledThrough = Math.max(settledThrough, sequence);
        if (refusal != null) {
            refusals.put(sequence, Untrusted.escape(refusal, 200));
        }
        watches.removeIf(w -> {
            if (w.sequence() <= settledThrough) {
                w.result().complete(settled(w.sequence()));
                return true;
            }
            return false;
        });
    }

    private PeerDelivery settled(long sequence) {
        String refusal = refusals.get(sequence);
        return refusal == null
                ? new PeerDelivery(peer, Delivery.ACKNOWLEDGED, "")
                : new PeerDelivery(peer, Delivery.REFUSED, refusal);
    }

    private synchronized void succeeded() {
        backoff.reset();
        lastFailure = null;
        nextAttempt = null;
    }

    private synchronized void failed(long attempt, String why) {
        if (closed) {
            return;
        }
        String safe = Untrusted.escape(why, 200);
        Duration delay = backoff.nextDelay();
        lastFailure = safe;
        nextAttempt = clock.instant().plus(delay);
        watches.removeIf(w -> {
            if (w.afterAttempt() < attempt) {
                w.result().complete(new PeerDelivery(peer, Delivery.QUEUED, safe + "; retried until acknowledged"));
                return true;
            }
            return false;
        });
        log.info(
                "replication to {}: {}; {} failed attempts in a row, next in {} ms",
                peer,
                safe,
                backoff.consecutiveFailures(),
                delay.toMillis());
        next = thread.schedule(this::drain, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized boolean isClosed() {
        return closed;
    }
}
