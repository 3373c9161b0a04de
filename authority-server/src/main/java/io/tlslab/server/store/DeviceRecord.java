package io.tlslab.server.store;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the server knows about one endpoint or peer: identity from its HELLO, the last handshake
 * and, for non-strict endpoints, what strict validation would have rejected (the audit).
 */
public record DeviceRecord(
        String guid,
        String role,
        String version,
        String address,
        OffsetDateTime lastSeen,
        String lastOutcome,
        String engine,
        String tlsProtocol,
        String auditHost,
        String auditLeafSha1,
        List<String> auditFindings) {
    public DeviceRecord {
        auditFindings = auditFindings == null ? List.of() : List.copyOf(auditFindings);
    }
}
