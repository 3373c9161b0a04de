package io.tlslab.protocol.validation;

import java.util.Objects;
import java.util.Optional;

/**
 * What an endpoint concludes about a server: accept, or reject with exactly one primary reason.
 * Used for expectations (scenario manifests) and for observed results alike, so they compare with
 * {@link #equals}.
 */
public final class Outcome {
    private static final Outcome ACCEPTED = new Outcome(null);

    private final ReasonCode reason;

    private Outcome(ReasonCode reason) {
        this.reason = reason;
    }

    public static Outcome accepted() {
        return ACCEPTED;
    }

    public static Outcome rejected(ReasonCode reason) {
        return new Outcome(Objects.requireNonNull(reason, "reason"));
    }

    public boolean isAccepted() {
        return reason == null;
    }

    /** The primary reason of a rejection; empty when accepted. */
    public Optional<ReasonCode> reason() {
        return Optional.ofNullable(reason);
    }

    /** {@code ACCEPT} or {@code REJECT:<REASON>}: the form used in manifests, JSON and tables. */
    @Override
    public String toString() {
        return reason == null ? "ACCEPT" : "REJECT:" + reason.name();
    }

    /** Inverse of {@link #toString()}. */
    public static Outcome parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("ACCEPT")) {
            return ACCEPTED;
        }
        if (t.regionMatches(true, 0, "REJECT:", 0, 7)) {
            return rejected(ReasonCode.parse(t.substring(7)));
        }
        throw new IllegalArgumentException("not an outcome: '" + text + "', expected ACCEPT or REJECT:<REASON>");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Outcome other && other.reason == reason;
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(reason);
    }
}
