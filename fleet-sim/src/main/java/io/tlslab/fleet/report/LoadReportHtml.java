package io.tlslab.fleet.report;

import io.tlslab.fleet.stats.CpuUse;
import io.tlslab.fleet.stats.IntervalSample;
import io.tlslab.fleet.stats.LatencySummary;
import io.tlslab.fleet.stats.LoadSummary;
import io.tlslab.fleet.stats.PercentilePoint;
import io.tlslab.fleet.stats.RunEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a load run as one self-contained HTML page: inline CSS, inline SVG charts and the full JSON
 * summary embedded in a {@code <script type="application/json">} element, so the file opens offline
 * and the data travels with the pictures.
 */
public final class LoadReportHtml {

    /** Position of the "max" point on the percentile axis, past 99.99%. */
    private static final double MAX_POSITION = 4.6;

    private LoadReportHtml() {}

    public static String render(LoadSummary s, String json) {
        StringBuilder h = new StringBuilder(32_768);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>")
                .append(Html.escape(s.title()))
                .append("</title>")
                .append("<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:820px;color:#222}")
                .append(
                        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}")
                .append("th{background:#f4f4f4}td.k{text-align:left}.chart{display:block;margin:1em 0}")
                .append(".note{color:#555;font-size:0.9em}.bad{color:#b00020;font-weight:bold}</style></head><body>\n");
        h.append("<h1>").append(Html.escape(s.title())).append("</h1>\n");
        h.append("<p>Started ")
                .append(Html.escape(s.startedAt()))
                .append(String.format(
                        Locale.ROOT,
                        " &middot; ramp-up %.1f s (excluded) &middot; measured %.1f s &middot; total %.1f s</p>\n",
                        s.timing().rampSeconds(),
                        s.timing().measuredSeconds(),
                        s.timing().totalSeconds()));

        h.append("<h2>Setup</h2><table id=\"setup\">");
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(s.setup()).entrySet()) {
            h.append("<tr><td class=\"k\">")
                    .append(Html.escape(e.getKey()))
                    .append("</td><td class=\"k\">")
                    .append(Html.escape(e.getValue()))
                    .append("</td></tr>");
        }
        h.append("</table>\n");

        h.append("<h2>Figures</h2><table id=\"figures\"><tr><th></th><th>handshakes</th><th>per second</th>")
                .append("<th>p50 ms</th><th>p90 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>max ms</th></tr>");
        latencyRow(h, "full", s.measured().fullHandshakes(), s.measured().fullPerSecond(), s.fullLatency());
        latencyRow(h, "resumed", s.measured().resumedHandshakes(), s.measured().resumedPerSecond(), s.resumedLatency());
        h.append("</table>\n");

        if (s.cpu() != null) {
            CpuUse cpu = s.cpu();
            h.append("<table id=\"cpu\"><tr><th>CPU in the window</th><th>seconds</th><th>&micro;s per handshake</th>")
                    .append("<th>covers</th></tr>")
                    .append(String.format(
                            Locale.ROOT,
                            "<tr><td class=\"k\">client</td><td>%.2f</td><td>%.0f</td>",
                            cpu.clientCpuSeconds(),
                            cpu.clientMicrosPerHandshake()))
                    .append("<td class=\"k\">")
                    .append(Html.escape(cpu.client()))
                    .append("</td></tr>")
                    .append(
                            cpu.serverMeasured()
                                    ? String.format(
                                            Locale.ROOT,
                                            "<tr><td class=\"k\">server</td><td>%.2f</td><td>%.0f</td>",
                                            cpu.serverCpuSeconds(),
                                            cpu.serverMicrosPerHandshake())
                                    : "<tr><td class=\"k\">server</td><td>-</td><td>-</td>")
                    .append("<td class=\"k\">")
                    .append(Html.escape(cpu.server()))
                    .append("</td></tr></table>\n");
        }

        LoadSummary.Counts c = s.counts();
        h.append("<table id=\"counts\"><tr><th>started</th><th>succeeded</th><th>failed</th><th>in flight at end</th>")
                .append("<th>retries</th><th>peak connections</th></tr><tr>")
                .append(td(c.started()))
                .append(td(c.succeeded()))
                .append(td(c.failed()))
                .append(c.inFlight() == 0 ? td(0) : "<td class=\"bad\">" + c.inFlight() + "</td>")
                .append(td(c.retries()))
                .append(td(c.connectionsPeak()))
                .append("</tr></table>\n");

        h.append("<h2>Throughput over time</h2>\n").append(throughputChart(s)).append('\n');
        if (!s.events().isEmpty()) {
            h.append("<h2>Mid-run events</h2><table id=\"events\"><tr><th>event</th><th>at s</th>")
                    .append(
                            "<th>all connected again after s</th><th>peak handshakes/s after</th><th>failures after</th></tr>");
            for (RunEvent e : s.events()) {
                h.append("<tr><td class=\"k\">")
                        .append(Html.escape(e.name()))
                        .append(String.format(
                                Locale.ROOT,
                                "</td><td>%.1f</td><td>%s</td><td>%,.0f</td><td>%,d</td></tr>",
                                e.atSeconds(),
                                e.allConnectedAfterSeconds() < 0
                                        ? "never"
                                        : String.format(Locale.ROOT, "%.2f", e.allConnectedAfterSeconds()),
                                e.peakPerSecond(),
                                e.failuresAfter()));
            }
            h.append("</table>\n");
        }
        h.append("<h2>Latency distribution (full handshakes, measured window)</h2>\n")
                .append(latencyChart(s))
                .append('\n');
        h.append("<h2>Outcomes</h2>\n").append(outcomeChart(s)).append('\n');

        if (!s.notes().isEmpty()) {
            h.append("<h2>Notes</h2><ul class=\"note\">");
            for (String n : s.notes()) {
                h.append("<li>").append(Html.escape(n)).append("</li>");
            }
            h.append("</ul>\n");
        }
        h.append("<script type=\"application/json\" id=\"report-data\">")
                .append(Html.scriptSafe(json))
                .append("</script>\n");
        return h.append("</body></html>\n").toString();
    }

    private static void latencyRow(StringBuilder h, String name, long count, double rate, LatencySummary l) {
        h.append("<tr><td class=\"k\">")
                .append(name)
                .append("</td>")
                .append(td(count))
                .append(String.format(
                        Locale.ROOT,
                        "<td>%,.1f</td><td>%.2f</td><td>%.2f</td><td>%.2f</td><td>%.2f</td><td>%.2f</td></tr>",
                        rate,
                        l.p50Millis(),
                        l.p90Millis(),
                        l.p99Millis(),
                        l.p999Millis(),
                        l.maxMillis()));
    }

    private static String td(long v) {
        return String.format(Locale.ROOT, "<td>%,d</td>", v);
    }

    static String throughputChart(LoadSummary s) {
        List<double[]> rate = new ArrayList<>();
        List<double[]> failures = new ArrayList<>();
        double nominal = s.series().stream()
                .mapToDouble(IntervalSample::intervalSeconds)
                .max()
                .orElse(1);
        for (IntervalSample i : s.series()) {
            if (i.intervalSeconds() < nominal / 2) {
                continue; // the short tail while in-flight attempts drain: its rate would read as a collapse
            }
            rate.add(new double[] {i.secondsFromStart(), i.handshakesPerSecond()});
            failures.add(new double[] {
                i.secondsFromStart(), i.intervalSeconds() <= 0 ? 0 : i.failures() / i.intervalSeconds()
            });
        }
        List<Svg.Band> bands = new ArrayList<>();
        if (s.timing().rampSeconds() > 0) {
            bands.add(new Svg.Band(0, s.timing().rampSeconds(), "ramp-up (excluded)"));
        }
        for (RunEvent e : s.events()) {
            bands.add(new Svg.Band(e.atSeconds(), e.atSeconds(), e.name()));
        }
        return Svg.lineChart(
                "chart-throughput",
                "Handshakes per second over time",
                "seconds since start",
                "per second",
                List.of(new Svg.Line("handshakes/s", "#1f77b4", rate), new Svg.Line("failures/s", "#d62728", failures)),
                bands,
                List.of(),
                false);
    }

    static String latencyChart(LoadSummary s) {
        List<double[]> points = new ArrayList<>();
        for (PercentilePoint p : s.latencyDistribution()) {
            points.add(new double[] {percentilePosition(p.percentile()), p.millis()});
        }
        List<Svg.Tick> ticks = List.of(
                new Svg.Tick(0, "0%"),
                new Svg.Tick(1, "90%"),
                new Svg.Tick(2, "99%"),
                new Svg.Tick(3, "99.9%"),
                new Svg.Tick(4, "99.99%"),
                new Svg.Tick(MAX_POSITION, "max"));
        return Svg.lineChart(
                "chart-latency",
                "Handshake latency by percentile",
                "percentile",
                "milliseconds",
                List.of(new Svg.Line("full handshake latency", "#2ca02c", points)),
                List.of(),
                ticks,
                true);
    }

    /** 0% -> 0, 90% -> 1, 99% -> 2, 99.9% -> 3 ...; 100% (the max) drawn just past 99.99%. */
    static double percentilePosition(double percentile) {
        if (percentile >= 100) {
            return MAX_POSITION;
        }
        return Math.min(MAX_POSITION, -Math.log10(1 - percentile / 100));
    }

    static String outcomeChart(LoadSummary s) {
        List<String> labels = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        List<String> colors = new ArrayList<>();
        labels.add("full handshake");
        values.add(s.counts().fullHandshakes());
        colors.add("#2ca02c");
        labels.add("resumed handshake");
        values.add(s.counts().resumedHandshakes());
        colors.add("#98df8a");
        for (Map.Entry<String, Long> e : s.failuresByReason().entrySet()) {
            labels.add(e.getKey());
            values.add(e.getValue());
            colors.add("#d62728");
        }
        return Svg.barChart("chart-outcomes", "Outcome of every attempt", labels, values, colors);
    }
}
