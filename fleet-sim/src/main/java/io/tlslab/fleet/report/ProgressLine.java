package io.tlslab.fleet.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The live one-line status of a run (rate, p99, errors, elapsed/remaining), redrawn in place with a
 * carriage return. Only on an interactive terminal: in CI or when output is piped it stays silent,
 * because hundreds of progress lines would bury the report.
 */
public final class ProgressLine {

    /** What the line shows; supplied by the run at each redraw. */
    public record Status(
            double elapsedSeconds,
            double totalSeconds,
            double handshakesPerSecond,
            double p99Millis,
            long errors,
            int connectionsOpen,
            long handshakes,
            String phase) {}

    private final PrintStream out;
    private final boolean enabled;
    private int lastLength;

    public ProgressLine(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    /** Enabled when a console is attached (not piped, not CI). */
    public static ProgressLine forTerminal(PrintStream out) {
        return new ProgressLine(out, System.console() != null);
    }

    public boolean enabled() {
        return enabled;
    }

    public static String format(Status s) {
        double remaining = Math.max(0, s.totalSeconds() - s.elapsedSeconds());
        return String.format(
                Locale.ROOT,
                "[%s %4.0fs / %.0fs, %3.0fs left] %,8.0f hs/s  p99 %6.2f ms  errors %,d  open %,d  total %,d",
                s.phase(),
                s.elapsedSeconds(),
                s.totalSeconds(),
                remaining,
                s.handshakesPerSecond(),
                s.p99Millis(),
                s.errors(),
                s.connectionsOpen(),
                s.handshakes());
    }

    public synchronized void update(Supplier<Status> status) {
        if (enabled) {
            show(format(status.get()));
        }
    }

    /** Redraws the line with free text (phases that are not a load run). */
    public synchronized void show(String line) {
        if (!enabled) {
            return;
        }
        int pad = Math.max(0, lastLength - line.length());
        out.print("\r" + line + " ".repeat(pad));
        out.flush();
        lastLength = line.length();
    }

    /** Ends the line so the next output starts on a fresh one. */
    public synchronized void finish() {
        if (enabled && lastLength > 0) {
            out.println();
            lastLength = 0;
        }
    }
}
