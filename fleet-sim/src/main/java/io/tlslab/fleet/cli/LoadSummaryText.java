package io.tlslab.fleet.cli;

import io.tlslab.fleet.stats.LatencySummary;
import io.tlslab.fleet.stats.LoadSummary;
import java.util.Locale;
import java.util.Map;

/** The few lines a load run prints when it ends; the full picture is in the HTML report. */
final class LoadSummaryText {
    private LoadSummaryText() {}

    static String render(LoadSummary s) {
        StringBuilder t = new StringBuilder();
        LoadSummary.Counts c = s.counts();
        t.append(String.format(
                Locale.ROOT,
                "Measured %.1f s (ramp-up %.1f s excluded):%n",
                s.timing().measuredSeconds(),
                s.timing().rampSeconds()));
        line(t, "full handshakes", s.measured().fullHandshakes(), s.measured().fullPerSecond(), s.fullLatency());
        if (s.measured().resumedHandshakes() > 0) {
            line(t, "resumed", s.measured().resumedHandshakes(), s.measured().resumedPerSecond(), s.resumedLatency());
        }
        if (s.cpu() != null) {
            t.append(String.format(
                    Locale.ROOT,
                    "  CPU per handshake: client %.0f us (%s); server %s%n",
                    s.cpu().clientMicrosPerHandshake(),
                    s.cpu().client(),
                    s.cpu().serverMeasured()
                            ? String.format(
                                    Locale.ROOT,
                                    "%.0f us (%s)",
                                    s.cpu().serverMicrosPerHandshake(),
                                    s.cpu().server())
                            : s.cpu().server()));
        }
        t.append(String.format(
                Locale.ROOT,
                "  attempts %,d = %,d succeeded + %,d failed + %,d in flight; retries %,d; peak connections %,d%n",
                c.started(),
                c.succeeded(),
                c.failed(),
                c.inFlight(),
                c.retries(),
                c.connectionsPeak()));
        if (c.keepAlivesAnswered() > 0) {
            t.append(String.format(
                    Locale.ROOT,
                    "  keep-alive PINGs answered on held connections %,d; open at the end %,d%n",
                    c.keepAlivesAnswered(),
                    c.connectionsOpenAtEnd()));
        }
        if (!s.failuresByReason().isEmpty()) {
            t.append("  failures:");
            for (Map.Entry<String, Long> e : s.failuresByReason().entrySet()) {
                t.append(String.format(Locale.ROOT, " %s %,d;", e.getKey(), e.getValue()));
            }
            t.setLength(t.length() - 1);
            t.append(System.lineSeparator());
        }
        for (io.tlslab.fleet.stats.RunEvent e : s.events()) {
            t.append(String.format(
                    Locale.ROOT,
                    "  %s at %.1f s: all connected again after %s; peak %,.0f handshakes/s; %,d failed attempts after%n",
                    e.name(),
                    e.atSeconds(),
                    e.allConnectedAfterSeconds() < 0
                            ? "never (within the run)"
                            : String.format(Locale.ROOT, "%.2f s", e.allConnectedAfterSeconds()),
                    e.peakPerSecond(),
                    e.failuresAfter()));
        }
        return t.toString().stripTrailing();
    }

    private static void line(StringBuilder t, String what, long n, double rate, LatencySummary l) {
        t.append(String.format(
                Locale.ROOT,
                "  %-15s %,10d  %,9.1f/s   p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f ms%n",
                what,
                n,
                rate,
                l.p50Millis(),
                l.p90Millis(),
                l.p99Millis(),
                l.p999Millis(),
                l.maxMillis()));
    }
}
