package io.tlslab.server.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlslab.protocol.settings.Fingerprint;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import io.tlslab.server.store.DeviceRecord;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Strict readiness is typed; the console's text for it is unchanged. */
class ReadinessTest {
    static final Fingerprint SERVED = Fingerprint.sha1(new byte[] {1});
    static final Fingerprint OTHER = Fingerprint.sha1(new byte[] {2});

    static DeviceRecord audited(Fingerprint leaf, ReasonCode... findings) {
        return new DeviceRecord(
                "g",
                "ENDPOINT",
                "6.0",
                "/127.0.0.1:1",
                OffsetDateTime.now(),
                Outcome.accepted(),
                "jdk",
                "TLSv1.3",
                "localhost",
                leaf,
                List.of(findings));
    }

    @Test
    void judgedAgainstTheServedLeafAndTheAllowlist() {
        // reported in this order; the primary reason is the first in ReasonCode precedence (declaration order)
        ReasonCode primary = Collections.min(List.of(ReasonCode.SELF_SIGNED, ReasonCode.EXPIRED));
        assertThat(StrictReadiness.judge(audited(SERVED, ReasonCode.SELF_SIGNED, ReasonCode.EXPIRED), false, SERVED))
                .isEqualTo(Readiness.rejected(primary));
        assertThat(StrictReadiness.judge(audited(SERVED), false, SERVED)).isEqualTo(Readiness.ACCEPT);
        assertThat(StrictReadiness.judge(audited(OTHER), false, SERVED)).isEqualTo(Readiness.CERTIFICATE_CHANGED);
        assertThat(StrictReadiness.judge(audited(null), false, SERVED)).isEqualTo(Readiness.UNKNOWN);
        assertThat(StrictReadiness.judge(audited(OTHER, ReasonCode.EXPIRED), true, SERVED))
                .isEqualTo(Readiness.ALLOWLISTED);
    }

    @Test
    void textAndSummaryAreTheConsolesAndTheGauges() {
        assertThat(Readiness.rejected(ReasonCode.EXPIRED)).hasToString("REJECT:EXPIRED");
        assertThat(Readiness.ALLOWLISTED).hasToString("ACCEPT:ALLOWLISTED");
        assertThat(Readiness.CERTIFICATE_CHANGED).hasToString("UNKNOWN:CERTIFICATE_CHANGED");
        assertThat(Readiness.ALLOWLISTED.summary()).isEqualTo(Readiness.Summary.ACCEPT);
        assertThat(Readiness.CERTIFICATE_CHANGED.summary()).isEqualTo(Readiness.Summary.UNKNOWN);
        assertThatThrownBy(() -> new Readiness(Readiness.State.ACCEPT, ReasonCode.EXPIRED))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
