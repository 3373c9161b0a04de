package io.tlslab.fleet.conformance;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tlslab.ca.scenario.Scenario;
import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ValidationProfile;
import io.tlslab.tls.TlsEngine;
import java.util.Objects;
import java.util.Optional;

/**
 * One cell of the conformance matrix: what a real endpoint of one kind, on one TLS engine, concluded
 * about a server presenting one scenario, against what the scenario's manifest says it must conclude.
 * Outcomes stay typed; their text ({@code ACCEPT}, {@code REJECT:<REASON>}) is made only by the table and
 * the JSON report.
 *
 * @param profile       the validation profile the endpoint ran with
 * @param expected      the manifest's outcome for that mode and profile
 * @param observed      what the endpoint concluded, or why it reached no verdict
 * @param auditExpected for non-enforcing modes: what strict validation must conclude (the audit), else null
 */
public record ConformanceCell(
        Scenario scenario,
        ValidationProfile profile,
        ClientMode mode,
        TlsEngine engine,
        Outcome expected,
        Observation observed,
        Outcome auditExpected) {

    public ConformanceCell {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(observed, "observed");
    }

    /** Whether this cell's mode only audits (connects whatever it concludes), so its audit is compared too. */
    public static boolean audits(ClientMode mode) {
        return mode == ClientMode.NON_STRICT || mode == ClientMode.LEGACY_5X;
    }

    /** The outcome the endpoint reached; empty when it reached no verdict. */
    public Optional<Outcome> observedOutcome() {
        return observed instanceof Observation.Concluded c ? Optional.of(c.outcome()) : Optional.empty();
    }

    /** The audit the endpoint reported (non-enforcing modes that reached a verdict); else empty. */
    public Optional<Outcome> observedAudit() {
        return auditExpected != null && observed instanceof Observation.Concluded c
                ? Optional.of(c.strictOutcome())
                : Optional.empty();
    }

    public boolean matches() {
        return outcomeMatches() && auditMatches();
    }

    /** The endpoint did what the manifest says (its audit aside). */
    public boolean outcomeMatches() {
        return observedOutcome().filter(expected::equals).isPresent();
    }

    /** The audit is what strict validation must conclude, or this mode does not audit. */
    public boolean auditMatches() {
        return auditExpected == null
                || observedAudit().filter(auditExpected::equals).isPresent();
    }

    /**
     * The audit as the JSON report writes it: the outcome's text, {@code NO_VERDICT} when an auditing
     * endpoint reached none, null when the mode does not audit.
     */
    @JsonProperty("auditObserved")
    String auditObservedText() {
        if (auditExpected == null) {
            return null;
        }
        return observedAudit().map(Outcome::toString).orElse("NO_VERDICT");
    }
}
