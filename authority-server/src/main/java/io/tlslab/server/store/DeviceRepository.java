package io.tlslab.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** Devices and their last outcomes and audit findings. */
public final class DeviceRepository {

    public List<DeviceRecord> all(Connection c) throws SQLException {
        List<DeviceRecord> result = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                        "SELECT guid, peer_role, product_version, address, last_seen,"
                                + " last_outcome, engine, tls_protocol, audit_host, audit_leaf_sha1, audit_findings FROM device ORDER BY guid");
                ResultSet r = p.executeQuery()) {
            while (r.next()) {
                String findings = r.getString(11);
                result.add(new DeviceRecord(
                        r.getString(1),
                        r.getString(2),
                        r.getString(3),
                        r.getString(4),
                        r.getObject(5, OffsetDateTime.class),
                        r.getString(6),
                        r.getString(7),
                        r.getString(8),
                        r.getString(9),
                        r.getString(10),
                        findings == null || findings.isEmpty() ? List.of() : Arrays.asList(findings.split(","))));
            }
        }
        return result;
    }

    public void delete(Connection c, String guid) throws SQLException {
        Jdbc.update(c, "DELETE FROM device WHERE guid = ?", guid);
    }

    public void putAll(Connection c, Collection<DeviceRecord> devices) throws SQLException {
        for (DeviceRecord d : devices) {
            String findings = String.join(",", d.auditFindings());
            Jdbc.upsert(
                    c,
                    "UPDATE device SET peer_role = ?, product_version = ?, address = ?, last_seen = ?, last_outcome = ?,"
                            + " engine = ?, tls_protocol = ?, audit_host = ?, audit_leaf_sha1 = ?, audit_findings = ? WHERE guid = ?",
                    new Object[] {
                        d.role(),
                        d.version(),
                        d.address(),
                        d.lastSeen(),
                        d.lastOutcome(),
                        d.engine(),
                        d.tlsProtocol(),
                        d.auditHost(),
                        d.auditLeafSha1(),
                        findings,
                        d.guid()
                    },
                    "INSERT INTO device (guid, peer_role, product_version, address, last_seen, last_outcome, engine,"
                            + " tls_protocol, audit_host, audit_leaf_sha1, audit_findings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    new Object[] {
                        d.guid(),
                        d.role(),
                        d.version(),
                        d.address(),
                        d.lastSeen(),
                        d.lastOutcome(),
                        d.engine(),
                        d.tlsProtocol(),
                        d.auditHost(),
                        d.auditLeafSha1(),
                        findings
                    });
        }
    }
}
