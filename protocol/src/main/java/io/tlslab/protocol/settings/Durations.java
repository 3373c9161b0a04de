package io.tlslab.protocol.settings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The one duration grammar of tlslab (command lines, properties, retry policies): {@code 250ms},
 * {@code 30s}, {@code 5m}, {@code 1h}, a bare number of seconds, or ISO-8601 ({@code PT30S}) for
 * scripts. {@link #format} writes the short form back.
 */
public final class Durations {
    private Durations() {}

    /**
     * @throws IllegalArgumentException naming the accepted forms; also for a negative duration
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration: expected e.g. 500ms, 30s, 5m");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            d = shortForm(t);
        } catch (NumberFormatException e) {
            try {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException notIso) {
                throw new IllegalArgumentException(
                        "'" + text.trim() + "' is not a duration: expected e.g. 500ms, 30s, 5m");
            }
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("'" + text.trim() + "' is negative: expected e.g. 500ms, 30s, 5m");
        }
        return d;
    }

    private static Duration shortForm(String t) {
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        if (t.endsWith("h")) {
            return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(t));
    }

    /** The shortest exact short form: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s >= 3600 && s % 3600 == 0) {
            return (s / 3600) + "h";
        }
        return s >= 60 && s % 60 == 0 ? (s / 60) + "m" : s + "s";
    }
}
