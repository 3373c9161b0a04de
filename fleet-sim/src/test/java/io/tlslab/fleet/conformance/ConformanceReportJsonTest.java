package io.tlslab.fleet.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlslab.ca.scenario.Scenario;
import io.tlslab.protocol.json.Json;
import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import io.tlslab.protocol.validation.ValidationProfile;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.failure.ConnectionFailure;
import io.tlslab.tls.failure.FailureKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cells hold typed outcomes; the JSON report (read by people and scripts) still carries them as
 * {@code ACCEPT} / {@code REJECT:<REASON>} / {@code ERROR:<cause>}, under the field names it always had.
 */
class ConformanceReportJsonTest {

    private static final Outcome SELF_SIGNED = Outcome.rejected(ReasonCode.SELF_SIGNED);

    private static ConformanceCell cell(ClientMode mode, Outcome expected, Observation observed) {
        return new ConformanceCell(
                Scenario.SELF_SIGNED,
                ValidationProfile.ARTICLE,
                mode,
                TlsEngine.JDK,
                expected,
                observed,
                ConformanceCell.audits(mode) ? SELF_SIGNED : null);
    }

    private final ConformanceCell strictRejects =
            cell(ClientMode.STRICT, SELF_SIGNED, new Observation.Concluded(SELF_SIGNED, SELF_SIGNED));
    private final ConformanceCell nonStrictAudits =
            cell(ClientMode.NON_STRICT, Outcome.accepted(), new Observation.Concluded(Outcome.accepted(), SELF_SIGNED));
    private final ConformanceCell legacyTimedOut = cell(
            ClientMode.LEGACY_5X,
            Outcome.accepted(),
            new Observation.Failed(ConnectionFailure.Transport.of(FailureKind.HANDSHAKE_TIMEOUT)));
    private final ConformanceCell nonStrictWrongAudit = cell(
            ClientMode.NON_STRICT,
            Outcome.accepted(),
            new Observation.Concluded(Outcome.accepted(), Outcome.accepted()));

    @Test
    void cellsAreWrittenWithTheirOutcomesAsText() throws Exception {
        ConformanceReport report = ConformanceReport.of(
                "2026-01-01T00:00:00Z",
                "test",
                "localhost",
                1.5,
                List.of(strictRejects, nonStrictAudits, legacyTimedOut));

        JsonNode json = Json.mapper().readTree(Json.prettyWriter().writeValueAsString(report));

        assertThat(json.get("cellCount").asInt()).isEqualTo(3);
        assertThat(json.get("mismatches").asInt()).isEqualTo(1);
        JsonNode strict = json.get("cells").get(0);
        assertThat(fieldNames(strict))
                .containsExactly(
                        "scenario",
                        "profile",
                        "mode",
                        "engine",
                        "expected",
                        "observed",
                        "auditExpected",
                        "auditObserved");
        assertThat(strict.get("scenario").asText()).isEqualTo("SELF_SIGNED");
        assertThat(strict.get("expected").asText()).isEqualTo("REJECT:SELF_SIGNED");
        assertThat(strict.get("observed").asText()).isEqualTo("REJECT:SELF_SIGNED");
        assertThat(strict.get("auditExpected").isNull()).isTrue();
        assertThat(strict.get("auditObserved").isNull()).isTrue();

        JsonNode audit = json.get("cells").get(1);
        assertThat(audit.get("observed").asText()).isEqualTo("ACCEPT");
        assertThat(audit.get("auditExpected").asText()).isEqualTo("REJECT:SELF_SIGNED");
        assertThat(audit.get("auditObserved").asText()).isEqualTo("REJECT:SELF_SIGNED");

        JsonNode failed = json.get("cells").get(2);
        assertThat(failed.get("observed").asText()).isEqualTo("ERROR:" + FailureKind.HANDSHAKE_TIMEOUT.description());
        assertThat(failed.get("auditObserved").asText()).isEqualTo("NO_VERDICT");
    }

    @Test
    void aCellMatchesOnlyWhenOutcomeAndAuditAgreeWithTheManifest() {
        assertThat(strictRejects.matches()).isTrue();
        assertThat(nonStrictAudits.matches()).isTrue();
        assertThat(legacyTimedOut.matches()).isFalse();
        assertThat(legacyTimedOut.observedOutcome()).isEmpty();
        assertThat(nonStrictWrongAudit.outcomeMatches()).isTrue();
        assertThat(nonStrictWrongAudit.auditMatches()).isFalse();
        assertThat(ConformanceTable.text(nonStrictWrongAudit)).isEqualTo("!audit ACCEPT want REJECT:SELF_SIGNED");
        assertThat(ConformanceTable.text(legacyTimedOut))
                .isEqualTo("!ERROR:" + FailureKind.HANDSHAKE_TIMEOUT.description() + " want ACCEPT");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
