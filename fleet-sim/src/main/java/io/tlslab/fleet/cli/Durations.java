package io.tlslab.fleet.cli;

import io.tlslab.tls.retry.RetryPolicy;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;

/** Parses {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT30S}) for options. */
public final class Durations implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /**
     * The tlslab duration grammar is endpoint-client's ({@code 500ms}, {@code 30s}, {@code 2m},
     * {@code 1h}, a bare number of seconds), shared with the client and server CLIs; ISO-8601
     * ({@code PT30S}) is accepted on top for scripts.
     */
    public static Duration parse(String value) {
        try {
            Duration d = RetryPolicy.parseDuration(value);
            if (d.isNegative()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is negative: expected e.g. 500ms, 30s, 2m, 1h");
            }
            return d;
        } catch (CommandLine.TypeConversionException negative) {
            throw negative;
        } catch (IllegalArgumentException simpleFormFailed) {
            try {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            } catch (java.time.format.DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: expected e.g. 500ms, 30s, 2m, 1h");
            }
        }
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        return s % 60 == 0 && s >= 60 ? (s / 60) + "m" : s + "s";
    }
}
