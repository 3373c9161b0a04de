package io.tlslab.fleet.conformance;

import com.fasterxml.jackson.annotation.JsonValue;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.tls.failure.ConnectionFailure;
import java.util.Objects;

/**
 * What one endpoint of the matrix observed: a verdict ({@link Concluded}, its outcome and what strict
 * validation concluded, the audit), or no verdict because the connection failed for another reason
 * ({@link Failed}). Typed so the matrix compares outcomes, not their text.
 */
public sealed interface Observation {

    /** The form reports print and JSON carries: {@code ACCEPT}, {@code REJECT:<REASON>} or {@code ERROR:<cause>}. */
    @JsonValue
    String text();

    /**
     * The endpoint reached a verdict.
     *
     * @param outcome       what the endpoint did (non-enforcing modes always accept)
     * @param strictOutcome what strict validation concluded, the audit a non-enforcing endpoint reports
     */
    record Concluded(Outcome outcome, Outcome strictOutcome) implements Observation {
        public Concluded {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(strictOutcome, "strictOutcome");
        }

        @Override
        public String text() {
            return outcome.toString();
        }
    }

    /** The handshake failed for a reason that is not a validation verdict (refused, timeout, TLS error). */
    record Failed(ConnectionFailure failure) implements Observation {
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }

        @Override
        public String text() {
            return "ERROR:" + failure.describe();
        }
    }
}
