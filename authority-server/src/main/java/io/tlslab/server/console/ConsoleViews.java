package io.tlslab.server.console;

import io.tlslab.protocol.cert.CertificateFacts;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the console's JSON API answers, as records: one shape per call, serialised by the console's
 * one {@link ConsoleJson} mapper (field names are the API's, the page and the CLI read them).
 */
public final class ConsoleViews {
    private ConsoleViews() {}

    /** One certificate as the console shows it (SPEC §3), with the days left until Valid-To. */
    public record Certificate(
            String subject,
            String issuer,
            List<String> subjectAlternativeNames,
            String validFrom,
            String validTo,
            String sha1,
            String sha256,
            boolean selfSigned,
            String keyAlgorithm,
            String signatureAlgorithm,
            long daysToExpiry) {
        public static Certificate of(CertificateFacts i, Instant now) {
            return new Certificate(
                    i.subject(),
                    i.issuer(),
                    i.subjectAltNames(),
                    i.notBefore().toString(),
                    i.notAfter().toString(),
                    i.sha1().toString(),
                    i.sha256().toString(),
                    i.selfSigned(),
                    i.keyAlgorithm(),
                    i.signatureAlgorithm(),
                    i.daysToExpiry(now));
        }
    }

    /** The keystore installed for one listener purpose: where it came from and its chain, leaf first. */
    public record Installed(String origin, List<Certificate> chain) {}

    /** {@code GET /api/certificates}: per purpose, and what each port serves right now. */
    public record Certificates(
            Installed console,
            Installed messaging,
            Map<String, Certificate> presented,
            boolean useHttpsCertificateAtStartup) {}

    /** The answer to an install or a reset; {@code note} is null for a reset. */
    public record InstallResult(String target, Certificate installed, String note) {}

    /** One device row. */
    public record Device(
            String guid,
            String role,
            String version,
            String address,
            boolean connected,
            String lastSeen,
            String lastHandshake,
            String engine,
            String tlsProtocol,
            Map<String, String> effectiveSettings,
            String auditHost,
            String auditLeafSha1,
            List<String> auditFindings,
            String strictReadiness) {}

    /** {@code GET /api/devices}: one page of the devices matching the filter, in GUID order. */
    public record DevicePage(int total, int matched, int offset, int limit, List<Device> devices) {}

    /** The answer to a retire or a delete. */
    public record DeviceAction(String guid, String action, String message) {}

    /** {@code GET /api/audit}: one page of the audit log, newest first. */
    public record AuditPage(long total, long offset, int limit, List<AuditRow> rows) {}

    /** One audit-log row. */
    public record AuditRow(String at, String admin, String channel, String command, boolean succeeded, String result) {}
}
