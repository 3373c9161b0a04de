package io.tlslab.fleet.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.scenario.Scenario;
import io.tlslab.ca.scenario.ScenarioMinter;
import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import io.tlslab.protocol.validation.ValidationProfile;
import io.tlslab.tls.TlsEngine;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConformanceRunnerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /**
     * The whole matrix: every scenario x client mode x engine, real TLS handshakes against a real
     * authority server's endpoint listener presenting each scenario.
     */
    @Test
    void everyScenarioModeAndEngineMatchesTheManifest() throws Exception {
        ConformanceReport report;
        try (ScenarioServer server = new AuthorityScenarioServer(TlsEngine.OPENSSL)) {
            report = new ConformanceRunner(server, "localhost", TIMEOUT)
                    .run(
                            Arrays.asList(Scenario.values()),
                            Arrays.asList(ClientMode.values()),
                            Arrays.asList(TlsEngine.values()),
                            cell -> {});
        }
        assertThat(report.server()).startsWith("authority-server");

        assertThat(report.cellCount())
                .isEqualTo(
                        Scenario.values().length * ClientMode.values().length * 2 * ValidationProfile.values().length);
        assertThat(report.cells()).filteredOn(c -> !c.matches()).isEmpty();
        assertThat(report.passed()).isTrue();
        // spot checks of the table's content, independent of the manifest
        assertThat(cell(report, Scenario.SELF_SIGNED, ClientMode.STRICT, TlsEngine.OPENSSL)
                        .observedOutcome())
                .contains(Outcome.rejected(ReasonCode.SELF_SIGNED));
        assertThat(cell(report, Scenario.SELF_SIGNED, ClientMode.LEGACY_5X, TlsEngine.JDK)
                        .observedOutcome())
                .contains(Outcome.accepted());
        assertThat(cell(report, Scenario.SELF_SIGNED, ClientMode.NON_STRICT, TlsEngine.JDK)
                        .observedAudit())
                .contains(Outcome.rejected(ReasonCode.SELF_SIGNED));
        assertThat(cell(report, Scenario.ALLOWLISTED_EXPIRED, ClientMode.ALLOWLISTED, TlsEngine.JDK)
                        .observedOutcome())
                .contains(Outcome.accepted());
        assertThat(cell(report, Scenario.WRONG_HOST, ClientMode.STRICT, TlsEngine.JDK)
                        .observedOutcome())
                .contains(Outcome.rejected(ReasonCode.HOSTNAME_MISMATCH));
        // the profile dimension: CN-only is the article's acceptance and webpki's refusal, on both engines
        for (TlsEngine engine : TlsEngine.values()) {
            assertThat(cell(report, Scenario.CN_ONLY, ValidationProfile.ARTICLE, ClientMode.STRICT, engine)
                            .observedOutcome())
                    .contains(Outcome.accepted());
            assertThat(cell(report, Scenario.CN_ONLY, ValidationProfile.WEBPKI, ClientMode.STRICT, engine)
                            .observedOutcome())
                    .contains(Outcome.rejected(ReasonCode.HOSTNAME_MISMATCH));
            assertThat(cell(report, Scenario.REVOKED_LEAF, ValidationProfile.WEBPKI, ClientMode.STRICT, engine)
                            .observedOutcome())
                    .contains(Outcome.rejected(ReasonCode.REVOKED));
        }
        String table = ConformanceTable.render(report, false);
        assertThat(table.lines())
                .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(120));
        assertThat(table).contains("0 mismatches (PASS)").doesNotContain("mismatches:");
    }

    /** A server that presents the wrong certificate must show up as mismatches, not pass silently. */
    @Test
    void aServerPresentingTheWrongCertificateIsReportedAsMismatch() throws Exception {
        ScenarioMinter minter = new ScenarioMinter();
        MintedScenario selfSigned = minter.mint(Scenario.SELF_SIGNED, "localhost");
        NettyScenarioServer honest = new NettyScenarioServer(TlsEngine.OPENSSL);
        ScenarioServer liar = new ScenarioServer() {
            @Override
            public String description() {
                return "always self-signed";
            }

            @Override
            public Running start(MintedScenario scenario) throws Exception {
                return honest.start(selfSigned);
            }
        };
        ConformanceReport report = new ConformanceRunner(liar, "localhost", TIMEOUT)
                .run(
                        List.of(Scenario.VALID_EC_P256),
                        List.of(ClientMode.STRICT, ClientMode.NON_STRICT),
                        List.of(TlsEngine.JDK),
                        List.of(ValidationProfile.ARTICLE),
                        cell -> {});

        assertThat(report.passed()).isFalse();
        assertThat(report.mismatches()).isEqualTo(2);
        ConformanceCell strict = cell(report, Scenario.VALID_EC_P256, ClientMode.STRICT, TlsEngine.JDK);
        assertThat(strict.expected()).isEqualTo(Outcome.accepted());
        assertThat(strict.observedOutcome()).contains(Outcome.rejected(ReasonCode.SELF_SIGNED));
        // non-strict still connects, but its audit gives the server away
        ConformanceCell nonStrict = cell(report, Scenario.VALID_EC_P256, ClientMode.NON_STRICT, TlsEngine.JDK);
        assertThat(nonStrict.observedOutcome()).contains(Outcome.accepted());
        assertThat(nonStrict.observedAudit()).contains(Outcome.rejected(ReasonCode.SELF_SIGNED));
        String table = ConformanceTable.render(report, false);
        assertThat(table)
                .contains("!SELF_SIGNED want ACCEPT", "!audit REJECT:SELF_SIGNED want ACCEPT", "2 mismatches (FAIL)");
    }

    private static ConformanceCell cell(ConformanceReport r, Scenario scenario, ClientMode mode, TlsEngine engine) {
        return cell(r, scenario, ValidationProfile.ARTICLE, mode, engine);
    }

    private static ConformanceCell cell(
            ConformanceReport r, Scenario scenario, ValidationProfile profile, ClientMode mode, TlsEngine engine) {
        return r.cells().stream()
                .filter(c ->
                        c.scenario() == scenario && c.profile() == profile && c.mode() == mode && c.engine() == engine)
                .findFirst()
                .orElseThrow();
    }
}
