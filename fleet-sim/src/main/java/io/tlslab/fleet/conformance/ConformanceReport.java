package io.tlslab.fleet.conformance;

import java.util.List;

/**
 * The whole matrix, as written to JSON.
 *
 * @param server     what presented the certificates (e.g. authority-server messaging listener, engine)
 * @param host       the host the scenarios were minted for
 * @param mismatches number of cells whose observed outcome differs from the manifest
 */
public record ConformanceReport(
        String startedAt,
        String server,
        String host,
        double seconds,
        int cellCount,
        int mismatches,
        List<ConformanceCell> cells) {

    public ConformanceReport {
        cells = List.copyOf(cells);
    }

    public static ConformanceReport of(
            String startedAt, String server, String host, double seconds, List<ConformanceCell> cells) {
        int bad = (int) cells.stream().filter(c -> !c.matches()).count();
        return new ConformanceReport(startedAt, server, host, seconds, cells.size(), bad, cells);
    }

    public boolean passed() {
        return mismatches == 0 && cellCount > 0;
    }
}
