package io.tlslab.server.store;

import java.time.OffsetDateTime;

/** One admin command as recorded: who, through which channel, what, and the answer. */
public record AuditEntry(
        OffsetDateTime at, String admin, String channel, String command, boolean succeeded, String result) {}
