package io.tlslab.fleet.conformance;

import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import io.tlslab.tls.TlsEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders the matrix as a text table no wider than 120 columns (the demo prints it on an ordinary
 * terminal): one row per scenario and profile, one column per client mode, each cell the outcome every
 * engine observed ({@code ACCEPT} or the reason code). Engines are stacked in a cell rather than given
 * columns of their own, since they must agree; a cell where any engine differs from the manifest is
 * marked {@code !} (red on a colour terminal) and spelled out, engine by engine, under the table. Should a
 * grid still be wider than {@link #MAX_WIDTH} columns, it wraps: the columns that do not fit follow below.
 */
public final class ConformanceTable {
    /** Longest reason code (UNHANDLED_CRITICAL_EXTENSION): no cell needs more. */
    private static final int MAX_CELL = 28;

    private static final String RED = "\u001B[31;1m";
    private static final String GREEN = "\u001B[32m";
    private static final String RESET = "\u001B[0m";

    private ConformanceTable() {}

    /** One cell of a text grid: its row and column headings, what it shows, and how it is coloured. */
    public record GridCell(String row, String column, String text, Tone tone) {}

    /** GOOD is green (an expected accept), BAD red (a mismatch), PLAIN uncoloured. */
    public enum Tone {
        GOOD,
        BAD,
        PLAIN
    }

    public static String render(ConformanceReport report, boolean colour) {
        Set<TlsEngine> engines = new LinkedHashSet<>();
        Map<String, List<ConformanceCell>> byCell = new LinkedHashMap<>();
        for (ConformanceCell c : report.cells()) {
            engines.add(c.engine());
            byCell.computeIfAbsent(
                            c.scenario().name() + " " + c.profile().label() + "|"
                                    + c.mode().label(),
                            k -> new ArrayList<>())
                    .add(c);
        }
        List<GridCell> grid = new ArrayList<>();
        for (Map.Entry<String, List<ConformanceCell>> e : byCell.entrySet()) {
            String[] key = e.getKey().split("\\|", 2);
            String cell = clip(stacked(e.getValue()), MAX_CELL);
            boolean matches = e.getValue().stream().allMatch(ConformanceCell::matches);
            grid.add(new GridCell(
                    key[0], key[1], cell, !matches ? Tone.BAD : cell.equals("ACCEPT") ? Tone.GOOD : Tone.PLAIN));
        }
        StringBuilder t = new StringBuilder();
        t.append("rows: scenario and profile; cells: what ")
                .append(engineNames(engines))
                .append(" concluded; ! = differs from the manifest\n");
        t.append(grid(grid, colour));
        List<ConformanceCell> mismatches =
                report.cells().stream().filter(c -> !c.matches()).toList();
        if (!mismatches.isEmpty()) {
            t.append("mismatches:\n");
            for (ConformanceCell c : mismatches) {
                t.append("  ")
                        .append(c.scenario().name())
                        .append(' ')
                        .append(c.profile().label())
                        .append(' ')
                        .append(column(c.mode(), c.engine()))
                        .append(": ")
                        .append(text(c))
                        .append('\n');
            }
        }
        return t.append(String.format(
                        Locale.ROOT,
                        "%d cells, %d mismatches (%s), %.1f s against %s%n",
                        report.cellCount(),
                        report.mismatches(),
                        report.passed() ? "PASS" : "FAIL",
                        report.seconds(),
                        report.server()))
                .toString();
    }

    /** One engine's value when every engine matched (they then agree); else the first mismatch, marked. */
    private static String stacked(List<ConformanceCell> cells) {
        for (ConformanceCell c : cells) {
            if (!c.matches()) {
                return c.outcomeMatches() ? "!audit" : "!" + shortObserved(c);
            }
        }
        return shortObserved(cells.get(0));
    }

    private static String engineNames(Set<TlsEngine> engines) {
        List<String> names = engines.stream().map(TlsEngine::name).toList();
        return names.size() == 1
                ? "the " + names.get(0) + " engine"
                : "every engine (" + String.join(", ", names) + ")";
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }

    /**
     * Renders cells as a table: rows in first-seen order, one column per distinct column heading, first
     * column headed "scenario". Shared by the conformance matrix and by probe-client's scoring of an
     * outside client, so both read the same.
     */
    public static String grid(List<GridCell> cells, boolean colour) {
        Set<String> rows = new LinkedHashSet<>();
        List<String> columns = new ArrayList<>();
        Map<String, GridCell> byKey = new LinkedHashMap<>();
        for (GridCell c : cells) {
            rows.add(c.row());
            if (!columns.contains(c.column())) {
                columns.add(c.column());
            }
            byKey.put(c.row() + "|" + c.column(), c);
        }
        int first = Math.max(
                "scenario".length(),
                rows.stream().mapToInt(String::length).max().orElse(8));
        Map<String, Integer> widths = new LinkedHashMap<>();
        for (String col : columns) {
            widths.put(col, col.length());
        }
        for (GridCell c : cells) {
            widths.merge(c.column(), c.text().length(), Math::max);
        }
        // wrap: columns that do not fit beside the scenario column go to a further table below
        StringBuilder t = new StringBuilder();
        List<String> group = new ArrayList<>();
        int width = first;
        for (String col : columns) {
            int w = 3 + widths.get(col);
            if (!group.isEmpty() && width + w > MAX_WIDTH) {
                table(t, rows, group, first, widths, byKey, colour);
                t.append('\n');
                group.clear();
                width = first;
            }
            group.add(col);
            width += w;
        }
        table(t, rows, group, first, widths, byKey, colour);
        return t.toString();
    }

    /** Terminal width the table keeps to (the CLIs' help width). */
    static final int MAX_WIDTH = 120;

    private static void table(
            StringBuilder t,
            Set<String> rows,
            List<String> columns,
            int first,
            Map<String, Integer> widths,
            Map<String, GridCell> byKey,
            boolean colour) {
        t.append(pad("scenario", first));
        for (String col : columns) {
            t.append(" | ").append(pad(col, widths.get(col)));
        }
        t.append('\n').append("-".repeat(first));
        for (String col : columns) {
            t.append("-+-").append("-".repeat(widths.get(col)));
        }
        t.append('\n');
        for (String row : rows) {
            t.append(pad(row, first));
            for (String col : columns) {
                GridCell c = byKey.get(row + "|" + col);
                String padded = pad(c == null ? "" : c.text(), widths.get(col));
                if (c != null && colour && c.tone() != Tone.PLAIN) {
                    padded = (c.tone() == Tone.GOOD ? GREEN : RED) + padded + RESET;
                }
                t.append(" | ").append(padded);
            }
            t.append('\n');
        }
    }

    static String column(ClientMode mode, TlsEngine engine) {
        return mode.label() + "/" + engine.name();
    }

    /** Observed value; a mismatch is prefixed with {@code !} and followed by what was expected. */
    static String text(ConformanceCell c) {
        if (c.matches()) {
            return shortObserved(c);
        }
        if (c.outcomeMatches()) {
            return "!audit " + c.auditObservedText() + " want " + c.auditExpected();
        }
        return "!" + shortObserved(c) + " want " + shortOutcome(c.expected());
    }

    /** The cell as a table shows it: ACCEPT, or the reason code of a reject, or the error. */
    static String shortObserved(ConformanceCell c) {
        return c.observedOutcome()
                .map(ConformanceTable::shortOutcome)
                .orElseGet(() -> c.observed().text());
    }

    private static String shortOutcome(Outcome outcome) {
        return outcome.reason().map(ReasonCode::name).orElse("ACCEPT");
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
