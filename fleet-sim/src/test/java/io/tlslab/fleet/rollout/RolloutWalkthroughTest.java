package io.tlslab.fleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.scenario.Scenario;
import io.tlslab.ca.scenario.ScenarioMinter;
import io.tlslab.fleet.report.ProgressLine;
import io.tlslab.fleet.server.InProcessAuthority;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.retry.RetryPolicy;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The article's rollout with real endpoints against a real in-process authority server. */
class RolloutWalkthroughTest {

    @Test
    void strictOnSelfSignedLocksOutModernEndpointsAndTheCaSignedCertificateBringsEveryoneBack() throws Exception {
        MintedScenario caSigned = new ScenarioMinter().mint(Scenario.VALID_EC_P256, "localhost");
        List<String> story = new ArrayList<>();
        RolloutReport report;
        try (InProcessAuthority authority = InProcessAuthority.startThrowaway(TlsEngine.OPENSSL);
                RolloutWalkthrough walk = new RolloutWalkthrough(
                        authority,
                        caSigned,
                        new RolloutWalkthrough.Options(
                                4,
                                2,
                                RetryPolicy.exponential(Duration.ofMillis(100), Duration.ofSeconds(1)),
                                Duration.ofSeconds(60)),
                        story::add,
                        new ProgressLine(new PrintStream(OutputStream.nullOutputStream()), false))) {
            report = walk.run();
            assertThat(authority.server().messagingFingerprintSha256()).isEqualTo(caSigned.leafSha256());
        }

        assertThat(report.phases())
                .extracting(RolloutReport.Phase::name)
                .containsExactly("baseline", "strict on, self-signed", "CA-signed certificate");
        RolloutReport.Phase baseline = report.phases().get(0);
        assertThat(baseline.connectedByVersion()).containsEntry("6.0", 4).containsEntry("5.4", 2);
        assertThat(baseline.met()).isTrue();

        RolloutReport.Phase strict = report.phases().get(1);
        assertThat(strict.connectedByVersion()).containsEntry("6.0", 0).containsEntry("5.4", 2);
        // refused by validation: SELF_SIGNED only; UNREACHABLE = connection refused while the server restarted
        assertThat(strict.rejections().keySet())
                .contains("SELF_SIGNED")
                .isSubsetOf("SELF_SIGNED", FleetTracker.UNREACHABLE);
        assertThat(strict.rejections().get("SELF_SIGNED")).isGreaterThanOrEqualTo(4);
        assertThat(strict.retries()).isGreaterThanOrEqualTo(4);
        assertThat(strict.met()).isTrue();

        RolloutReport.Phase ca = report.phases().get(2);
        assertThat(ca.connectedByVersion()).containsEntry("6.0", 4).containsEntry("5.4", 2);
        assertThat(report.recovery().allRecovered()).isTrue();
        assertThat(report.recovery().timeToRecoverSeconds())
                .isGreaterThanOrEqualTo(report.recovery().p50Seconds());
        assertThat(report.asTheArticleSays()).isTrue();
        assertThat(story).hasSizeGreaterThanOrEqualTo(5).anyMatch(l -> l.contains("SELF_SIGNED"));
    }
}
