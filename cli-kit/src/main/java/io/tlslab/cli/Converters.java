package io.tlslab.cli;

import io.tlslab.protocol.settings.Durations;
import io.tlslab.protocol.settings.Fingerprint;
import java.time.Duration;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for tlslab's option types. {@link CliKit#configure} registers the type-wide ones
 * ({@link Duration}, {@link HostPort}, {@link Fingerprint}); the nested classes serve
 * {@code @Option(converter = ...)} where an option narrows its type (a positive duration).
 */
public final class Converters {
    private Converters() {}

    /** Wraps a parser whose {@link IllegalArgumentException} message is the user-facing text. */
    public static <T> ITypeConverter<T> of(Function<String, T> parser) {
        return value -> {
            try {
                return parser.apply(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        };
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, a bare number of seconds, or ISO-8601. */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) throws Exception {
            return of(Durations::parse).convert(value);
        }
    }

    /** A duration above zero (timeouts, intervals). */
    public static final class PositiveDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) throws Exception {
            Duration d = new DurationConverter().convert(value);
            if (d.isZero()) {
                throw new TypeConversionException("'" + value + "' must be a positive duration, e.g. 500ms, 30s");
            }
            return d;
        }
    }
}
