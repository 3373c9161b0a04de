package io.tlslab.fleet.swarm;

import io.tlslab.fleet.report.LoadReportWriter;
import io.tlslab.fleet.stats.LoadSummary;
import java.util.Optional;

/**
 * A replica's report as one line of its log: {@code TLSLAB-FLEET-REPORT <json>}, the last thing
 * {@code load --report-line} prints. Reading it back needs nothing but the orchestrator's log API.
 */
public final class ReportLine {
    static final String MARKER = "TLSLAB-FLEET-REPORT ";

    private ReportLine() {}

    public static String of(LoadSummary summary) {
        return MARKER + LoadReportWriter.toJson(summary).replace("\n", "").replace("\r", "");
    }

    /** The last report line in {@code log}, if any. */
    public static Optional<LoadSummary> find(String log) {
        // Docker's json-file driver splits lines over 16 KiB into partial messages; concatenated in
        // order they give the line back, which is why the whole stdout is read, not line by line.
        int at = log.lastIndexOf(MARKER);
        if (at < 0) {
            return Optional.empty();
        }
        int end = log.indexOf('\n', at);
        String json = log.substring(at + MARKER.length(), end < 0 ? log.length() : end)
                .strip();
        try {
            return Optional.of(LoadReportWriter.fromJson(json));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
