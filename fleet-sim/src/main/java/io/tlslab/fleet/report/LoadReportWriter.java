package io.tlslab.fleet.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tlslab.fleet.stats.IntervalSample;
import io.tlslab.fleet.stats.LoadSummary;
import io.tlslab.protocol.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes a load run's JSON summary, CSV interval series and HTML report next to each other. */
public final class LoadReportWriter {

    /** The three files of one report. */
    public record Files3(Path json, Path csv, Path html) {}

    private LoadReportWriter() {}

    public static String toJson(LoadSummary summary) {
        try {
            return Json.prettyWriter().writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the load summary", e);
        }
    }

    public static LoadSummary fromJson(String json) {
        try {
            return Json.mapper().readValue(json, LoadSummary.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a load summary: " + e.getOriginalMessage(), e);
        }
    }

    /** One row per sampling interval; the ramp-up rows are marked {@code ramp}. */
    public static String toCsv(LoadSummary summary) {
        StringBuilder csv = new StringBuilder(
                "seconds_from_start,interval_seconds,phase,handshakes,resumed,failures,handshakes_per_second,p50_ms,p99_ms,max_ms,connections_open\n");
        for (IntervalSample i : summary.series()) {
            csv.append(String.format(
                    Locale.ROOT,
                    "%.3f,%.3f,%s,%d,%d,%d,%.1f,%.3f,%.3f,%.3f,%d%n",
                    i.secondsFromStart(),
                    i.intervalSeconds(),
                    i.measuring() ? "measured" : "ramp",
                    i.handshakes(),
                    i.resumed(),
                    i.failures(),
                    i.handshakesPerSecond(),
                    i.p50Millis(),
                    i.p99Millis(),
                    i.maxMillis(),
                    i.connectionsOpen()));
        }
        return csv.toString();
    }

    /**
     * Writes {@code <dir>/<baseName>.json|.csv|.html}, creating {@code dir}.
     *
     * @throws UncheckedIOException naming the file that could not be written
     */
    public static Files3 write(LoadSummary summary, Path dir, String baseName) {
        Path json = dir.resolve(baseName + ".json");
        Path csv = dir.resolve(baseName + ".csv");
        Path html = dir.resolve(baseName + ".html");
        String jsonText = toJson(summary);
        write(json, jsonText);
        write(csv, toCsv(summary));
        write(html, LoadReportHtml.render(summary, jsonText));
        return new Files3(json, csv, html);
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
