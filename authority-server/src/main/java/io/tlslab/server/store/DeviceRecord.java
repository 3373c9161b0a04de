package io.tlslab.server.store;

import io.tlslab.protocol.settings.Fingerprint;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the server knows about one endpoint or peer: identity from its HELLO, the last handshake
 * and, for non-strict endpoints, what strict validation would have rejected (the audit). Outcomes and
 * reasons are typed; they become text only in the store's columns and the console's JSON.
 *
 * @param lastOutcome the last handshake's outcome, null when the store holds none that parses
 * @param auditLeafSha1 the SHA-1 fingerprint of the leaf the last audit judged, null without an audit
 * @param auditFindings the audit's failed checks, in the order the endpoint reported them
 */
public record DeviceRecord(
        String guid,
        String role,
        String version,
        String address,
        OffsetDateTime lastSeen,
        Outcome lastOutcome,
        String engine,
        String tlsProtocol,
        String auditHost,
        Fingerprint auditLeafSha1,
        List<ReasonCode> auditFindings) {
    public DeviceRecord {
        auditFindings = auditFindings == null ? List.of() : List.copyOf(auditFindings);
    }
}
