package io.tlslab.server.command;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sends a property saved with {@code save all} to the other servers of the environment over 4288.
 * Two steps, so that nothing is lost between them: {@link #queue} inside the transaction of the
 * local change, then {@link #await} once it committed. A {@code null} value replicates a deletion.
 */
public interface Replicator {

    /** What became of a change at one peer when {@code save all} answered. */
    enum Delivery {
        /** The peer applied it (or had already applied it). */
        ACKNOWLEDGED("acknowledged"),
        /** Still in the outbox: retried with backoff until the peer acknowledges it. */
        QUEUED("queued"),
        /** The peer answered that it will not apply it (e.g. a value it does not accept); not retried. */
        REFUSED("refused");

        private final String word;

        Delivery(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** One peer's answer; {@code why} is empty for {@link Delivery#ACKNOWLEDGED}. */
    record PeerDelivery(String peer, Delivery delivery, String why) {
        public String describe() {
            return peer + " " + delivery.word() + (why.isEmpty() ? "" : " (" + why + ")");
        }
    }

    /** Every peer's answer, in configuration order. */
    record Report(List<PeerDelivery> deliveries) {
        public Report {
            deliveries = List.copyOf(deliveries);
        }

        public long acknowledged() {
            return deliveries.stream()
                    .filter(d -> d.delivery() == Delivery.ACKNOWLEDGED)
                    .count();
        }

        public boolean complete() {
            return acknowledged() == deliveries.size();
        }

        /** The first line counts the acknowledgements; then one line per peer. */
        public String summary() {
            if (deliveries.isEmpty()) {
                return "no other servers configured in this environment";
            }
            StringBuilder out =
                    new StringBuilder("replicated to " + acknowledged() + " of " + deliveries.size() + " servers");
            deliveries.forEach(d -> out.append('\n').append(d.describe()));
            return out.toString();
        }
    }

    /**
     * The outbox of one peer, as {@code replication.show} lists it.
     *
     * @param configured  false for a queue left behind by a peer no longer in the configuration (not sent)
     * @param lastFailure why the last attempt failed, while entries wait
     * @param nextAttempt when the next attempt is due, while entries wait after a failure
     */
    record PeerQueue(
            String peer, long depth, boolean configured, Optional<String> lastFailure, Optional<Instant> nextAttempt) {}

    /**
     * Queues the change for every peer, inside the caller's transaction (it commits with the local
     * change or not at all). Returns the ticket {@link #await} takes.
     */
    long queue(Connection c, String key, String value) throws SQLException;

    /** After the commit: each peer's answer, waiting a bounded time; a peer that did not answer is queued. */
    Report await(long ticket);

    /** Queue depth per peer. */
    List<PeerQueue> queues();

    /** For a server without peers: {@code save all} then behaves as {@code save}. */
    static Replicator none() {
        return new Replicator() {
            @Override
            public long queue(Connection c, String key, String value) {
                return 0;
            }

            @Override
            public Report await(long ticket) {
                return new Report(List.of());
            }

            @Override
            public List<PeerQueue> queues() {
                return List.of();
            }
        };
    }
}
