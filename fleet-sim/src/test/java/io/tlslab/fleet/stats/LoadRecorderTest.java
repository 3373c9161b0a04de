package io.tlslab.fleet.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.fleet.testing.Failures;
import io.tlslab.protocol.validation.ReasonCode;
import io.tlslab.tls.failure.FailureKind;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoadRecorderTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final LoadRecorder recorder = new LoadRecorder(clock::get);

    private void advanceMillis(long ms) {
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    @Test
    void rampUpIsCountedButExcludedFromRatesAndLatencies() {
        // ramp: 3 slow handshakes (50 ms) that must not show in the measured latency
        for (int i = 0; i < 3; i++) {
            recorder.attemptStarted(false);
            recorder.handshakeSucceeded(TimeUnit.MILLISECONDS.toNanos(50), false);
        }
        advanceMillis(1000);
        recorder.sampleInterval();
        recorder.startMeasuring();
        for (int i = 1; i <= 100; i++) {
            recorder.attemptStarted(false);
            recorder.handshakeSucceeded(TimeUnit.MICROSECONDS.toNanos(i * 10L), false);
        }
        recorder.attemptStarted(false);
        recorder.attemptFailed(Failures.rejected(ReasonCode.SELF_SIGNED));
        recorder.attemptStarted(true);
        recorder.attemptFailed(Failures.transport(FailureKind.UNREACHABLE));
        advanceMillis(2000);
        recorder.sampleInterval();
        recorder.stopMeasuring();

        LoadSummary s = recorder.summarize("t", Map.of(), List.of());

        assertThat(s.counts().started()).isEqualTo(105);
        assertThat(s.counts().succeeded()).isEqualTo(103);
        assertThat(s.counts().failed()).isEqualTo(2);
        assertThat(s.counts().inFlight()).isZero();
        assertThat(s.counts().retries()).isEqualTo(1);
        assertThat(s.counts().balanced()).isTrue();
        assertThat(s.measured().fullHandshakes()).isEqualTo(100);
        assertThat(s.measured().failures()).isEqualTo(2);
        assertThat(s.timing().rampSeconds()).isEqualTo(1.0);
        assertThat(s.timing().measuredSeconds()).isEqualTo(2.0);
        assertThat(s.measured().fullPerSecond()).isEqualTo(50.0);
        assertThat(s.fullLatency().count()).isEqualTo(100);
        assertThat(s.fullLatency().maxMillis()).isLessThan(1.01); // the 50 ms ramp handshakes are excluded
        assertThat(s.fullLatency().p50Millis()).isBetween(0.49, 0.51);
        assertThat(s.failuresByReason())
                .containsExactlyInAnyOrderEntriesOf(Map.of("SELF_SIGNED", 1L, "UNREACHABLE", 1L));
        assertThat(s.series()).hasSize(2);
        assertThat(s.series().get(0).measuring()).isFalse();
        assertThat(s.series().get(0).handshakes()).isEqualTo(3);
        assertThat(s.series().get(1).handshakes()).isEqualTo(100);
        assertThat(s.series().get(1).failures()).isEqualTo(2);
        assertThat(s.series().stream().mapToLong(IntervalSample::handshakes).sum())
                .isEqualTo(s.counts().succeeded());
    }

    @Test
    void percentilesAreOrdered() {
        recorder.startMeasuring();
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 10_000; i++) {
            recorder.attemptStarted(false);
            recorder.handshakeSucceeded(TimeUnit.MICROSECONDS.toNanos(200 + random.nextInt(5000)), i % 10 == 0);
        }
        advanceMillis(1000);
        LoadSummary s = recorder.summarize("t", Map.of(), List.of());
        LatencySummary l = s.fullLatency();
        assertThat(l.count()).isEqualTo(9000);
        assertThat(s.resumedLatency().count()).isEqualTo(1000);
        assertThat(s.counts().resumedHandshakes()).isEqualTo(1000);
        assertThat(l.minMillis()).isLessThanOrEqualTo(l.p50Millis());
        assertThat(l.p50Millis()).isLessThanOrEqualTo(l.p90Millis());
        assertThat(l.p90Millis()).isLessThanOrEqualTo(l.p99Millis());
        assertThat(l.p99Millis()).isLessThanOrEqualTo(l.p999Millis());
        assertThat(l.p999Millis()).isLessThanOrEqualTo(l.maxMillis());
        assertThat(s.latencyDistribution()).isNotEmpty();
        for (int i = 1; i < s.latencyDistribution().size(); i++) {
            assertThat(s.latencyDistribution().get(i).millis())
                    .isGreaterThanOrEqualTo(s.latencyDistribution().get(i - 1).millis());
        }
    }

    @Test
    void unfinishedAttemptsShowAsInFlight() {
        recorder.attemptStarted(false);
        recorder.attemptStarted(false);
        recorder.handshakeSucceeded(1_000_000, false);
        LoadSummary s = recorder.summarize("t", Map.of(), List.of());
        assertThat(s.counts().inFlight()).isEqualTo(1);
        assertThat(s.counts().balanced()).isTrue();
    }

    @Test
    void connectionsPeakIsTracked() {
        recorder.connectionOpened();
        recorder.connectionOpened();
        recorder.connectionClosed();
        recorder.connectionOpened();
        recorder.connectionClosed();
        LoadSummary s = recorder.summarize("t", Map.of(), List.of());
        assertThat(s.counts().connectionsPeak()).isEqualTo(2);
        assertThat(s.counts().connectionsOpenAtEnd()).isEqualTo(1);
    }
}
