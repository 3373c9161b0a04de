package io.tlslab.fleet.report;

import java.util.List;
import java.util.Locale;

/**
 * Minimal inline-SVG chart drawing: the HTML report must open with no network access, so charts are
 * drawn server-side as SVG markup rather than by a JavaScript library from a CDN.
 */
final class Svg {

    static final int WIDTH = 760;
    static final int HEIGHT = 300;
    private static final int LEFT = 64;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 44;

    private Svg() {}

    /** A named series of (x, y) points drawn as a polyline. */
    record Line(String name, String color, List<double[]> points) {}

    /** A shaded x-range (e.g. the ramp-up) with a label. */
    record Band(double fromX, double toX, String label) {}

    /**
     * Line chart with linear axes.
     *
     * @param xTicks explicit x tick positions with labels; empty for automatic numeric ticks
     */
    static String lineChart(
            String id,
            String title,
            String xLabel,
            String yLabel,
            List<Line> lines,
            List<Band> bands,
            List<Tick> xTicks,
            boolean logLikeX) {
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = 0;
        for (Line l : lines) {
            for (double[] p : l.points()) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        if (minX == Double.MAX_VALUE) {
            minX = 0;
            maxX = 1;
        }
        for (Band b : bands) { // a band (the ramp-up) is always fully visible
            minX = Math.min(minX, b.fromX());
            maxX = Math.max(maxX, b.toX());
        }
        if (maxX <= minX) {
            maxX = minX + 1;
        }
        double yTop = niceCeiling(maxY);
        StringBuilder s = open(id, title);
        Frame f = new Frame(minX, maxX, 0, yTop);
        for (Band b : bands) {
            double x1 = f.x(b.fromX());
            double x2 = f.x(b.toX());
            if (b.toX() == b.fromX()) { // a moment, not a range: a dashed marker line
                s.append(String.format(
                        Locale.ROOT,
                        "<line class=\"marker\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#9467bd\" stroke-dasharray=\"4 3\"/>"
                                + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#9467bd\">%s</text>",
                        x1,
                        TOP,
                        x1,
                        HEIGHT - BOTTOM,
                        x1 + 4,
                        TOP + 28,
                        Html.escape(b.label())));
                continue;
            }
            s.append(String.format(
                    Locale.ROOT,
                    "<rect class=\"band\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#eee\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#777\">%s</text>",
                    x1,
                    TOP,
                    Math.max(0, x2 - x1),
                    HEIGHT - TOP - BOTTOM,
                    x1 + 4,
                    TOP + 14,
                    Html.escape(b.label())));
        }
        axes(s, f, xLabel, yLabel, xTicks.isEmpty() ? numericTicks(minX, maxX) : xTicks, numericTicks(0, yTop));
        int legendX = LEFT + 10;
        for (Line l : lines) {
            StringBuilder pts = new StringBuilder();
            for (double[] p : l.points()) {
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", f.x(p[0]), f.y(p[1])));
            }
            s.append("<polyline class=\"series\" data-series=\"")
                    .append(Html.escape(l.name()))
                    .append("\" fill=\"none\" stroke=\"")
                    .append(l.color())
                    .append("\" stroke-width=\"2\" points=\"")
                    .append(pts.toString().trim())
                    .append("\"/>");
            if (l.points().size() == 1) {
                double[] p = l.points().get(0);
                s.append(String.format(
                        Locale.ROOT,
                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>",
                        f.x(p[0]),
                        f.y(p[1]),
                        l.color()));
            }
            s.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>",
                    legendX,
                    HEIGHT - 14,
                    l.color(),
                    legendX + 14,
                    HEIGHT - 5,
                    Html.escape(l.name())));
            legendX += 20 + 8 * l.name().length();
        }
        return s.append("</svg>").toString();
    }

    /** Horizontal bars, one per label; value labels at the bar ends. */
    static String barChart(String id, String title, List<String> labels, List<Long> values, List<String> colors) {
        int rowHeight = 26;
        int height = TOP + rowHeight * Math.max(1, labels.size()) + 20;
        long max = 1;
        for (long v : values) {
            max = Math.max(max, v);
        }
        int labelWidth = 190;
        int barSpace = WIDTH - labelWidth - 90;
        StringBuilder s = new StringBuilder(String.format(
                Locale.ROOT,
                "<svg id=\"%s\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">",
                id,
                WIDTH,
                height,
                WIDTH,
                height,
                Html.escape(title)));
        s.append("<title>").append(Html.escape(title)).append("</title>");
        for (int i = 0; i < labels.size(); i++) {
            int y = TOP + i * rowHeight;
            double w = barSpace * (double) values.get(i) / max;
            s.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">%s</text>"
                            + "<rect class=\"bar\" data-label=\"%s\" data-value=\"%d\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%,d</text>",
                    labelWidth - 8,
                    y + 13,
                    Html.escape(labels.get(i)),
                    Html.escape(labels.get(i)),
                    values.get(i),
                    labelWidth,
                    y,
                    Math.max(1, w),
                    colors.get(i),
                    labelWidth + Math.max(1, w) + 6,
                    y + 13,
                    values.get(i)));
        }
        return s.append("</svg>").toString();
    }

    /** A labelled tick on an axis. */
    record Tick(double value, String label) {}

    private static StringBuilder open(String id, String title) {
        StringBuilder s = new StringBuilder(String.format(
                Locale.ROOT,
                "<svg id=\"%s\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">",
                id,
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT,
                Html.escape(title)));
        return s.append("<title>").append(Html.escape(title)).append("</title>");
    }

    private static void axes(
            StringBuilder s, Frame f, String xLabel, String yLabel, List<Tick> xTicks, List<Tick> yTicks) {
        int x0 = LEFT;
        int y0 = HEIGHT - BOTTOM;
        s.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>",
                x0,
                y0,
                WIDTH - RIGHT,
                y0));
        s.append(String.format(
                Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", x0, TOP, x0, y0));
        for (Tick t : xTicks) {
            double x = f.x(t.value());
            s.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>",
                    x,
                    y0,
                    x,
                    y0 + 4,
                    x,
                    y0 + 16,
                    Html.escape(t.label())));
        }
        for (Tick t : yTicks) {
            double y = f.y(t.value());
            s.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>",
                    x0,
                    y,
                    WIDTH - RIGHT,
                    y,
                    x0 - 6,
                    y + 4,
                    Html.escape(t.label())));
        }
        s.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>",
                (x0 + WIDTH - RIGHT) / 2,
                y0 + 30,
                Html.escape(xLabel)));
        s.append(String.format(
                Locale.ROOT,
                "<text x=\"14\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">%s</text>",
                (TOP + y0) / 2,
                (TOP + y0) / 2,
                Html.escape(yLabel)));
    }

    static List<Tick> numericTicks(double min, double max) {
        double step = niceCeiling((max - min) / 5);
        if (step <= 0) {
            step = 1;
        }
        List<Tick> ticks = new java.util.ArrayList<>();
        double first = Math.ceil(min / step) * step;
        for (int i = 0; i <= 10 && first + i * step <= max + step * 1e-9; i++) {
            double v = first + i * step;
            ticks.add(new Tick(v, format(v)));
        }
        return ticks;
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return Math.abs(v) >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** Smallest 1/2/5 x 10^n at or above {@code v}. */
    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double exp = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * exp >= v) {
                return m * exp;
            }
        }
        return 10 * exp;
    }

    /** Maps data coordinates to the plot area. */
    private record Frame(double minX, double maxX, double minY, double maxY) {
        double x(double v) {
            return LEFT + (v - minX) / (maxX - minX) * (WIDTH - LEFT - RIGHT);
        }

        double y(double v) {
            return HEIGHT - BOTTOM - (v - minY) / (maxY - minY) * (HEIGHT - TOP - BOTTOM);
        }
    }
}
