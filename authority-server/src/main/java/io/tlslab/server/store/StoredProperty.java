package io.tlslab.server.store;

import java.time.OffsetDateTime;

/** A persisted server property: saved on this server or replicated across the environment. */
public record StoredProperty(String key, String value, PersistedScope scope, String origin, OffsetDateTime updatedAt) {

    /** How a persisted value got here. */
    public enum PersistedScope {
        /** {@code prop.set ... save}: this server only. */
        SAVED,
        /** {@code prop.set ... save all}, here or on a peer: every server of the environment. */
        REPLICATED
    }
}
