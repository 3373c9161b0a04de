package io.tlslab.server.store;

import io.tlslab.protocol.settings.Fingerprint;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Devices and their last outcomes and audit findings. */
public final class DeviceRepository {

    public List<DeviceRecord> all(Connection c) throws SQLException {
        List<DeviceRecord> result = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                        "SELECT guid, peer_role, product_version, address, last_seen,"
                                + " last_outcome, engine, tls_protocol, audit_host, audit_leaf_sha1, audit_findings FROM device ORDER BY guid");
                ResultSet r = p.executeQuery()) {
            while (r.next()) {

                result.add(new DeviceRecord(
                        r.getString(1),
                        r.getString(2),
                        r.getString(3),
                        r.getString(4),
                        r.getObject(5, OffsetDateTime.class),
                        parsedOrNull(r.getString(6), Outcome::parse),
                        r.getString(7),
                        r.getString(8),
                        r.getString(9),
                        parsedOrNull(r.getString(10), Fingerprint::parse),
                        reasons(r.getString(11))));
            }
        }
        return result;
    }

    /**
     * The column's text read by {@code parse}; a value that does not parse (an older or hand-edited row) reads
     * as none.
     */
    private static <T> T parsedOrNull(String column, Function<String, T> parse) {
        if (column == null) {
            return null;
        }
        try {
            return parse.apply(column);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The column's comma-separated reason codes; a name this version does not know is passed over. */
    private static List<ReasonCode> reasons(String column) {
        if (column == null || column.isEmpty()) {
            return List.of();
        }
        List<ReasonCode> codes = new ArrayList<>();
        for (String name : column.split(",")) {
            try {
                codes.add(ReasonCode.parse(name));
            } catch (IllegalArgumentException e) {
                // written by another version: not a reason this server can act on
            }
        }
        return codes;
    }

    public void delete(Connection c, String guid) throws SQLException {
        Jdbc.update(c, "DELETE FROM device WHERE guid = ?", guid);
    }

    public void putAll(Connection c, Collection<DeviceRecord> devices) throws SQLException {
        for (DeviceRecord d : devices) {
            String findings = d.auditFindings().stream().map(ReasonCode::name).collect(Collectors.joining(","));
            String lastOutcome =
                    d.lastOutcome() == null ? null : d.lastOutcome().toString();
            String leafSha1 =
                    d.auditLeafSha1() == null ? null : d.auditLeafSha1().toString();
            Jdbc.row("device")
                    .key("guid", d.guid())
                    .set("peer_role", d.role())
                    .set("product_version", d.version())
                    .set("address", d.address())
                    .set("last_seen", d.lastSeen())
                    .set("last_outcome", lastOutcome)
                    .set("engine", d.engine())
                    .set("tls_protocol", d.tlsProtocol())
                    .set("audit_host", d.auditHost())
                    .set("audit_leaf_sha1", leafSha1)
                    .set("audit_findings", findings)
                    .upsert(c);
        }
    }
}
