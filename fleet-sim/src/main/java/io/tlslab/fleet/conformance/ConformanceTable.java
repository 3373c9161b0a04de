package io.tlslab.fleet.conformance;

import io.tlslab.tls.TlsEngine;
import io.tlslab.protocol.validation.ClientMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders the matrix as a text table: one row per scenario, one column per mode x engine, each cell
 * {@code ACCEPT} or the reason code. A mismatch is marked {@code !} and, on a colour terminal, red;
 * its expected value follows the observed one so the row explains itself. Wider than
 * {@link #MAX_WIDTH} columns, the table wraps: the columns that do not fit follow in a further table.
 */
public final class ConformanceTable {

    private static final String RED = "\u001B[31;1m";
    private static final String GREEN = "\u001B[32m";
    private static final String RESET = "\u001B[0m";

    private ConformanceTable() {
    }

    /** One cell of a text grid: its row and column headings, what it shows, and how it is coloured. */
    public record GridCell(String row, String column, String text, Tone tone) {
    }

    /** GOOD is green (an expected accept), BAD red (a mismatch), PLAIN uncoloured. */
    public enum Tone { GOOD, BAD, PLAIN }

    public static String render(ConformanceReport report, boolean colour) {
        List<GridCell> grid = new ArrayList<>();
        for (ConformanceCell c : report.cells()) {
            String cell = text(c);
            grid.add(new GridCell(c.scenario(), column(c.mode(), c.engine()), cell,
                    !c.matches() ? Tone.BAD : cell.equals("ACCEPT") ? Tone.GOOD : Tone.PLAIN));
        }
        return grid(grid, colour) + String.format(Locale.ROOT, "%d cells, %d mismatches (%s), %.1f s against %s%n",
                report.cellCount(), report.mismatches(), report.passed() ? "PASS" : "FAIL", report.seconds(), report.server());
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
        int first = Math.max("scenario".length(), rows.stream().mapToInt(String::length).max().orElse(8));
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

    private static void table(StringBuilder t, Set<String> rows, List<String> columns, int first,
                              Map<String, Integer> widths, Map<String, GridCell> byKey, boolean colour) {
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
            return c.shortObserved();
        }
        String expected = c.expected().startsWith("REJECT:") ? c.expected().substring(7) : c.expected();
        if (c.expected().equals(c.observed())) {
            return "!audit " + c.auditObserved() + " want " + c.auditExpected();
        }
        return "!" + c.shortObserved() + " want " + expected;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
