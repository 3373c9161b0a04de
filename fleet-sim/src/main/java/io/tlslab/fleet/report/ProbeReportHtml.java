package io.tlslab.fleet.report;

import io.tlslab.fleet.lab.probe.ProbeCell;
import io.tlslab.fleet.lab.probe.ProbeReport;
import java.util.List;
import java.util.Locale;

/**
 * Renders an outside client's score on the scenario lab as one self-contained page, like the load report:
 * inline CSS and SVG, every row with the client's captured output, and the JSON embedded.
 */
public final class ProbeReportHtml {

    private ProbeReportHtml() {}

    public static String render(ProbeReport r, String json) {
        StringBuilder h = new StringBuilder(32_768);
        String title = "tlslab probe-client: " + r.client();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>")
                .append(Html.escape(title))
                .append("</title>")
                .append("<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:980px;color:#222}")
                .append(
                        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}")
                .append("th{background:#f4f4f4}.bad{color:#b00020;font-weight:bold}.ok{color:#1a7f37}")
                .append("pre{margin:0;max-height:8em;overflow:auto;font-size:0.8em;white-space:pre-wrap}")
                .append(".note{color:#555;font-size:0.9em}</style></head><body>\n");
        h.append("<h1>").append(Html.escape(title)).append("</h1>\n");
        ProbeReport.Counts n = r.counts();
        h.append("<p>Started ")
                .append(Html.escape(r.startedAt()))
                .append(String.format(
                        Locale.ROOT,
                        " &middot; %.1f s &middot; host %s &middot; profile %s</p>\n",
                        r.seconds(),
                        Html.escape(r.host()),
                        Html.escape(r.profile())));
        h.append("<p><code>").append(Html.escape(String.join(" ", r.command()))).append("</code></p>\n");
        h.append("<p class=\"")
                .append(r.passed() ? "ok" : "bad")
                .append("\">")
                .append(r.passed() ? "PASS" : "FAIL")
                .append(String.format(
                        Locale.ROOT,
                        ": %d scenarios, %d agree, %d false accepts, %d false rejects, %d no answer</p>%n",
                        n.scenarios(),
                        n.agrees(),
                        n.falseAccepts(),
                        n.falseRejects(),
                        n.noAnswer()));
        h.append(Svg.barChart(
                        "chart-verdicts",
                        "Answers scored against the profile",
                        List.of("agrees", "false accept", "false reject", "no answer"),
                        List.of((long) n.agrees(), (long) n.falseAccepts(), (long) n.falseRejects(), (long)
                                n.noAnswer()),
                        List.of("#2ca02c", "#d62728", "#ff7f0e", "#7f7f7f")))
                .append('\n');
        h.append("<h2>Effective profile</h2><ul id=\"traits\">");
        for (String t : r.traits()) {
            h.append("<li>").append(Html.escape(t)).append("</li>");
        }
        h.append("</ul>\n<h2>Scenarios</h2><table id=\"cells\"><tr><th>scenario</th><th>dial host:port</th>")
                .append("<th>expected</th><th>answer</th><th>verdict</th><th>ms</th><th>client output</th></tr>\n");
        for (ProbeCell c : r.cells()) {
            boolean bad = c.verdict() == ProbeCell.Verdict.FALSE_ACCEPT;
            h.append("<tr><td>")
                    .append(Html.escape(c.slug()))
                    .append("</td><td>")
                    .append(Html.escape(c.dialHost()))
                    .append(':')
                    .append(c.port())
                    .append("</td><td>")
                    .append(Html.escape(c.expected()))
                    .append("</td><td>")
                    .append(c.answer())
                    .append(c.exitCode() == null ? "" : " (exit " + c.exitCode() + ")")
                    .append("</td><td class=\"")
                    .append(bad ? "bad" : c.verdict() == ProbeCell.Verdict.AGREES ? "ok" : "")
                    .append("\">")
                    .append(c.verdict())
                    .append("</td><td>")
                    .append(c.millis())
                    .append("</td><td><pre>")
                    .append(Html.escape(c.output()))
                    .append("</pre></td></tr>\n");
        }
        h.append("</table>\n<p class=\"note\">Accepted = exit code 0 (or the accept regex found in the output). ")
                .append(
                        "A false accept is a certificate the profile refuses and the client took; it fails the run.</p>\n");
        h.append("<script type=\"application/json\" id=\"report-data\">")
                .append(Html.scriptSafe(json))
                .append("</script>\n");
        return h.append("</body></html>\n").toString();
    }
}
