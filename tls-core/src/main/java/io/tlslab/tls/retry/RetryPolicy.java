package io.tlslab.tls.retry;

import io.tlslab.protocol.settings.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long an endpoint waits before reconnecting after a failed or lost connection (SPEC §5).
 *
 * <p>{@link Kind#EXPONENTIAL_FULL_JITTER}: before retry {@code n} (0-based) wait a uniformly random
 * time in {@code [0, min(cap, firstDelay * 2^n)]}. Full jitter spreads a fleet that lost the server
 * at the same moment, so the server does not see the whole fleet reconnect in lockstep.
 * {@link Kind#FIXED}: always {@code firstDelay}; the vendor's observed behaviour (30 s), kept so the
 * herd effect it causes can be reproduced. {@link Kind#EXPONENTIAL}: the ceiling itself, no jitter: a
 * fleet that fails together retries together (the synchronised reconnect storm the fleet simulates).
 */
public record RetryPolicy(Kind kind, Duration firstDelay, Duration cap) {

    public enum Kind {
        EXPONENTIAL_FULL_JITTER,
        EXPONENTIAL,
        FIXED
    }

    public static final Duration DEFAULT_FIRST_DELAY = Duration.ofSeconds(1);
    public static final Duration DEFAULT_CAP = Duration.ofSeconds(300);
    public static final Duration VENDOR_FIXED_DELAY = Duration.ofSeconds(30);

    public RetryPolicy {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(cap, "cap");
        if (firstDelay.isNegative() || firstDelay.isZero()) {
            throw new IllegalArgumentException("retry delay must be positive, got " + firstDelay);
        }
        if (cap.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("retry cap " + cap + " is below the first delay " + firstDelay);
        }
    }

    /** Exponential backoff with full jitter, 1 s first delay, 300 s cap. */
    public static RetryPolicy defaults() {
        return exponential(DEFAULT_FIRST_DELAY, DEFAULT_CAP);
    }

    public static RetryPolicy exponential(Duration firstDelay, Duration cap) {
        return new RetryPolicy(Kind.EXPONENTIAL_FULL_JITTER, firstDelay, cap);
    }

    /** The same exponential ceilings without jitter; a fixed policy stays as it is. */
    public RetryPolicy withoutJitter() {
        return kind == Kind.EXPONENTIAL_FULL_JITTER ? new RetryPolicy(Kind.EXPONENTIAL, firstDelay, cap) : this;
    }

    public static RetryPolicy fixed(Duration delay) {
        return new RetryPolicy(Kind.FIXED, delay, delay);
    }

    /** The vendor's fixed 30 s reconnect delay. */
    public static RetryPolicy vendorFixed() {
        return fixed(VENDOR_FIXED_DELAY);
    }

    /**
     * Parses {@code exponential[:FIRST[:CAP]]} or {@code fixed[:DELAY]}; durations as {@code 500ms},
     * {@code 1s}, {@code 5m}. Examples: {@code exponential}, {@code exponential:2s:120s}, {@code fixed:30s}.
     *
     * @throws IllegalArgumentException with the accepted forms
     */
    public static RetryPolicy parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":");
        try {
            switch (parts[0]) {
                case "exponential":
                case "backoff":
                    if (parts.length > 3) {
                        break;
                    }
                    Duration first = parts.length > 1 ? Durations.parse(parts[1]) : DEFAULT_FIRST_DELAY;
                    Duration cap = parts.length > 2
                            ? Durations.parse(parts[2])
                            : DEFAULT_CAP.compareTo(first) < 0 ? first : DEFAULT_CAP;
                    return exponential(first, cap);
                case "fixed":
                    if (parts.length > 2) {
                        break;
                    }
                    return fixed(parts.length > 1 ? Durations.parse(parts[1]) : VENDOR_FIXED_DELAY);
                default:
                    break;
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("retry policy '" + text + "': " + e.getMessage());
        }
        throw new IllegalArgumentException(
                "retry policy '" + text
                        + "' not understood: expected exponential[:FIRST[:CAP]] or fixed[:DELAY], e.g. exponential:1s:300s or fixed:30s");
    }

    /** The largest delay this policy can choose before retry {@code retryIndex} (0-based). */
    public Duration ceilingBefore(int retryIndex) {
        if (kind == Kind.FIXED) {
            return firstDelay;
        }
        // 2^n overflows quickly; once past the cap the ceiling is the cap
        int shift = Math.min(Math.max(retryIndex, 0), 62);
        long firstNanos = firstDelay.toNanos();
        long capNanos = cap.toNanos();
        if (shift >= 62 || firstNanos > (capNanos >> shift)) {
            return cap;
        }
        return Duration.ofNanos(Math.min(capNanos, firstNanos << shift));
    }

    /** The delay before retry {@code retryIndex} (0-based), drawing jitter from {@code random}. */
    public Duration delayBefore(int retryIndex, RandomGenerator random) {
        Duration ceiling = ceilingBefore(retryIndex);
        if (kind != Kind.EXPONENTIAL_FULL_JITTER) {
            return ceiling;
        }
        // full jitter: uniform in [0, ceiling]; millisecond resolution is plenty for reconnects
        long ceilingMillis = ceiling.toMillis();
        return Duration.ofMillis(random.nextLong(ceilingMillis + 1));
    }

    /** Compact form accepted by {@link #parse}, e.g. {@code exponential:1s:300s}. */
    @Override
    public String toString() {
        return switch (kind) {
            case FIXED -> "fixed:" + Durations.format(firstDelay);
            case EXPONENTIAL ->
                "exponential:" + Durations.format(firstDelay) + ":" + Durations.format(cap) + " (no jitter)";
            case EXPONENTIAL_FULL_JITTER -> "exponential:" + Durations.format(firstDelay) + ":" + Durations.format(cap);
        };
    }
}
