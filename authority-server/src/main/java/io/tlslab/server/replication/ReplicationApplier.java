package io.tlslab.server.replication;

import io.tlslab.protocol.settings.PropertyKey;
import io.tlslab.protocol.text.Untrusted;
import io.tlslab.protocol.wire.Message;
import io.tlslab.server.messaging.ReplicationSink;
import io.tlslab.server.properties.KeyResolver;
import io.tlslab.server.properties.ServerProperties;
import io.tlslab.server.store.AuditEntry;
import io.tlslab.server.store.Store;
import io.tlslab.server.store.StoredProperty;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a property update replicated by an authenticated peer over 4288: validated like an admin's
 * command, saved with an audit row, then made the running value. (Moved out of AuthorityServer.)
 */
public final class ReplicationApplier {
    private static final Logger log = LoggerFactory.getLogger(ReplicationApplier.class);

    private final Store store;
    private final ServerProperties properties;
    private final Clock clock;

    public ReplicationApplier(Store store, ServerProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Applies the update unless it is invalid or not newer than the last update applied from its
     * origin. The last one itself, sent again, is {@link ReplicationSink.Verdict#ALREADY_APPLIED}: its
     * sender lost the acknowledgement and must learn it was delivered, so it can move on.
     */
    public ReplicationSink.Answer apply(Message.PropertyUpdate u, String peer) {
        KeyResolver.Resolved key;
        String value;
        try {
            key = KeyResolver.resolve(u.key(), PropertyKey.Scope.SERVER_PROPERTY);
            value = u.value() == null ? null : KeyResolver.normalise(key, u.value());
        } catch (IllegalArgumentException e) {
            log.warn("replicated update from {} refused: {}", Untrusted.escape(peer), Untrusted.escape(e.getMessage()));
            return new ReplicationSink.Answer(ReplicationSink.Verdict.REFUSED, e.getMessage());
        }
        String command =
                "replicated " + (value == null ? "prop.del " + key.name() : "prop.set " + key.name() + " " + value)
                        + " from " + u.originServer();
        StoredProperty stored = value == null
                ? null
                : new StoredProperty(
                        key.name(),
                        value,
                        StoredProperty.PersistedScope.REPLICATED,
                        u.originServer(),
                        OffsetDateTime.now(clock));
        // replay protection: sequences from one origin only ever go up; checked and recorded in the
        // same transaction as the change, so a crash cannot apply an update without recording it
        java.util.OptionalLong[] seen = {java.util.OptionalLong.empty()};
        boolean applied = store.tx(c -> {
            java.util.OptionalLong last = store.replicationInbox().lastSequence(c, u.originServer());
            if (last.isPresent() && u.sequence() <= last.getAsLong()) {
                seen[0] = last;
                return false;
            }
            store.replicationInbox().record(c, u.originServer(), u.sequence());
            if (stored == null) {
                store.properties().delete(c, key.name());
            } else {
                store.properties().put(c, stored);
            }
            store.auditLog()
                    .append(
                            c,
                            new AuditEntry(
                                    OffsetDateTime.now(clock),
                                    "peer:" + u.originServer(),
                                    "replication",
                                    command,
                                    true,
                                    "applied"));
            return true;
        });
        if (!applied) {
            long last = seen[0].getAsLong();
            if (u.sequence() == last) {
                String why = "sequence " + last + " from " + u.originServer() + " was already applied";
                log.info(
                        "replicated update from {} acknowledged again, not applied again: {}",
                        Untrusted.escape(peer),
                        Untrusted.escape(why));
                return new ReplicationSink.Answer(ReplicationSink.Verdict.ALREADY_APPLIED, why);
            }
            String why = "replayed or out-of-order update: sequence " + u.sequence() + " from " + u.originServer()
                    + " is not above the last applied " + last;
            log.warn("replicated update from {} refused: {}", Untrusted.escape(peer), Untrusted.escape(why));
            return new ReplicationSink.Answer(ReplicationSink.Verdict.REFUSED, why);
        }
        if (stored == null) {
            properties.removePersisted(key.name());
        } else {
            properties.applyPersisted(stored);
        }
        log.info("{} (peer {})", Untrusted.escape(command), Untrusted.escape(peer));
        return ReplicationSink.Answer.applied();
    }
}
