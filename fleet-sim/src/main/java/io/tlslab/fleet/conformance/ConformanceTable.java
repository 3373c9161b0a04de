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
 * its expected value follows the observed one so the row explains itself.
 */
public final class ConformanceTable {

    private static final String RED = "\u001B[31;1m";
    private static final String GREEN = "\u001B[32m";
    private static final String RESET = "\u001B[0m";

    private ConformanceTable() {
    }

    public static String render(ConformanceReport report, boolean colour) {
        Set<String> scenarios = new LinkedHashSet<>();
        List<String> columns = new ArrayList<>();
        Map<String, ConformanceCell> byKey = new LinkedHashMap<>();
        for (ConformanceCell c : report.cells()) {
            scenarios.add(c.scenario());
            String column = column(c.mode(), c.engine());
            if (!columns.contains(column)) {
                columns.add(column);
            }
            byKey.put(c.scenario() + "|" + column, c);
        }
        int first = Math.max("scenario".length(), scenarios.stream().mapToInt(String::length).max().orElse(8));
        int width = columns.stream().mapToInt(String::length).max().orElse(10);
        for (ConformanceCell c : report.cells()) {
            width = Math.max(width, text(c).length());
        }
        StringBuilder t = new StringBuilder();
        t.append(pad("scenario", first));
        for (String col : columns) {
            t.append(" | ").append(pad(col, width));
        }
        t.append('\n').append("-".repeat(first));
        for (int i = 0; i < columns.size(); i++) {
            t.append("-+-").append("-".repeat(width));
        }
        t.append('\n');
        for (String scenario : scenarios) {
            t.append(pad(scenario, first));
            for (String col : columns) {
                ConformanceCell c = byKey.get(scenario + "|" + col);
                String cell = c == null ? "" : text(c);
                String padded = pad(cell, width);
                if (c != null && colour) {
                    padded = (c.matches() ? (cell.equals("ACCEPT") ? GREEN : "") : RED) + padded + RESET;
                }
                t.append(" | ").append(padded);
            }
            t.append('\n');
        }
        t.append(String.format(Locale.ROOT, "%d cells, %d mismatches (%s), %.1f s against %s%n",
                report.cellCount(), report.mismatches(), report.passed() ? "PASS" : "FAIL", report.seconds(), report.server()));
        return t.toString();
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
