package io.tlslab.fleet.lab;

import io.tlslab.fleet.report.Html;

/** The lab's index: every scenario with its link, dial host, port and expectation, as one offline page. */
final class IndexPage {
    private IndexPage() {}

    static String render(LabManifest m) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>tlslab scenario lab</title>")
                .append("<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}")
                .append("th{background:#f4f4f4}.acc{color:#1a7f37}.rej{color:#b00020}</style></head><body>\n")
                .append("<h1>tlslab scenario lab</h1>\n<p>Every certificate scenario of the catalogue, minted for <b>")
                .append(Html.escape(m.host()))
                .append("</b>, each on its own HTTPS port. A client configured with the ")
                .append("scenario's trust anchors must reach the <i>expected</i> outcome. ")
                .append("<a href=\"/scenarios.json\">scenarios.json</a> &middot; <a href=\"/trust-anchors.pem\">")
                .append("trust-anchors.pem</a> (all anchors) &middot; <a href=\"/hosts\">hosts</a></p>\n")
                .append("<table id=\"scenarios\"><tr><th>scenario</th><th>dial host</th><th>port</th>")
                .append("<th>expected (strict client)</th><th>what it is</th></tr>\n");
        for (LabScenario s : m.scenarios()) {
            String expected = s.expectedFor("article");
            h.append("<tr><td><a href=\"")
                    .append(Html.escape(s.url()))
                    .append("\">")
                    .append(Html.escape(s.slug()))
                    .append("</a></td><td>")
                    .append(Html.escape(s.dialHost()))
                    .append("</td><td>")
                    .append(s.port())
                    .append("</td><td class=\"")
                    .append("ACCEPT".equals(expected) ? "acc" : "rej")
                    .append("\">")
                    .append(Html.escape(expected))
                    .append("</td><td>")
                    .append(Html.escape(s.description()))
                    .append("</td></tr>\n");
        }
        return h.append("</table>\n</body></html>\n").toString();
    }
}
