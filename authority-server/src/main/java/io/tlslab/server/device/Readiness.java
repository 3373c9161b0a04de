package io.tlslab.server.device;

import io.tlslab.protocol.validation.ReasonCode;
import java.util.Objects;

/**
 * What strict validation would conclude for a device now (see {@link StrictReadiness}), typed; the text
 * ({@code ACCEPT}, {@code ACCEPT:ALLOWLISTED}, {@code REJECT:<REASON>}, {@code UNKNOWN},
 * {@code UNKNOWN:CERTIFICATE_CHANGED}) is written only where it leaves the server: the console's JSON.
 *
 * @param reason the primary reason, for {@link State#REJECT} only
 */
public record Readiness(State state, ReasonCode reason) {

    public enum State {
        /** The device's audit of the certificate served now found nothing. */
        ACCEPT(Summary.ACCEPT),
        /** The served leaf is on the allowlist: strict validation accepts it whatever its defects. */
        ALLOWLISTED(Summary.ACCEPT),
        REJECT(Summary.REJECT),
        /** No audit yet. */
        UNKNOWN(Summary.UNKNOWN),
        /** The device audited another certificate than the one served now. */
        CERTIFICATE_CHANGED(Summary.UNKNOWN);

        private final Summary summary;

        State(Summary summary) {
            this.summary = summary;
        }
    }

    /** The three states the gauges count. */
    public enum Summary {
        ACCEPT,
        REJECT,
        UNKNOWN
    }

    public static final Readiness ACCEPT = new Readiness(State.ACCEPT, null);
    public static final Readiness ALLOWLISTED = new Readiness(State.ALLOWLISTED, null);
    public static final Readiness UNKNOWN = new Readiness(State.UNKNOWN, null);
    public static final Readiness CERTIFICATE_CHANGED = new Readiness(State.CERTIFICATE_CHANGED, null);

    public Readiness {
        Objects.requireNonNull(state, "state");
        if ((state == State.REJECT) != (reason != null)) {
            throw new IllegalArgumentException("a reason goes with REJECT and only with it");
        }
    }

    public static Readiness rejected(ReasonCode reason) {
        return new Readiness(State.REJECT, Objects.requireNonNull(reason, "reason"));
    }

    public Summary summary() {
        return state.summary;
    }

    /** The console's text for it. */
    @Override
    public String toString() {
        return switch (state) {
            case ACCEPT -> "ACCEPT";
            case ALLOWLISTED -> "ACCEPT:ALLOWLISTED";
            case REJECT -> "REJECT:" + reason.name();
            case UNKNOWN -> "UNKNOWN";
            case CERTIFICATE_CHANGED -> "UNKNOWN:CERTIFICATE_CHANGED";
        };
    }
}
