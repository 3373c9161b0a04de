package io.tlslab.client.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.tls.retry.Backoff;
import io.tlslab.tls.retry.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The retry routine on a virtual clock: which attempts run when, with no sleeping. */
class ReconnectorTest {

    /** Any jitter source: the policies below are taken without jitter, so each delay is its ceiling. */
    private static final RandomGenerator CEILING = new SplittableRandom(1);

    private final ManualRetryTimer timer = new ManualRetryTimer();
    private final List<Duration> attemptTimes = new ArrayList<>();
    private final List<String> events = new ArrayList<>();

    private Reconnector reconnector(RetryPolicy policy, RandomGenerator random) {
        return new Reconnector(
                new Backoff(policy.withoutJitter(), random),
                timer,
                (attempt, delay) -> events.add("retry " + attempt + " in " + delay.toMillis() + "ms"));
    }

    /** An attempt that always fails: records its time and schedules the next one, as the endpoint does. */
    private Runnable failingAttempt(Reconnector r) {
        return new Runnable() {
            @Override
            public void run() {
                attemptTimes.add(timer.now());
                r.scheduleRetry(this);
            }
        };
    }

    @Test
    void exponentialScheduleDoublesUpToTheCapAndKeepsOnlyOneAttemptPending() {
        Reconnector r = reconnector(RetryPolicy.defaults(), CEILING);
        Runnable attempt = failingAttempt(r);
        attempt.run(); // first attempt at t=0 fails

        for (int i = 0; i < 11; i++) {
            assertThat(timer.pending())
                    .as("pending attempts after failure %d", i + 1)
                    .isEqualTo(1);
            assertThat(timer.runNext()).isTrue();
        }

        // attempts at 0, 1, 3, 7, 15, 31, 63, 127, 255, 511, 811, 1111 s
        assertThat(attemptTimes)
                .extracting(Duration::toSeconds)
                .containsExactly(0L, 1L, 3L, 7L, 15L, 31L, 63L, 127L, 255L, 511L, 811L, 1111L);
        assertThat(events).startsWith("retry 1 in 1000ms", "retry 2 in 2000ms", "retry 3 in 4000ms");
    }

    @Test
    void nothingRunsBetweenAttempts() {
        Reconnector r = reconnector(RetryPolicy.fixed(Duration.ofSeconds(30)), CEILING);
        failingAttempt(r).run();

        timer.advance(Duration.ofMillis(29_999));
        assertThat(attemptTimes).hasSize(1);
        timer.advance(Duration.ofMillis(1));
        assertThat(attemptTimes).extracting(Duration::toSeconds).containsExactly(0L, 30L);
        timer.advance(Duration.ofSeconds(300));
        // fixed preset: one attempt every 30 s, no more
        assertThat(attemptTimes).hasSize(12);
    }

    @Test
    void aGoodConnectionResetsTheBackoff() {
        Reconnector r = reconnector(RetryPolicy.defaults(), CEILING);
        Runnable attempt = new Runnable() {
            @Override
            public void run() {
                attemptTimes.add(timer.now());
                if (attemptTimes.size() == 4) {
                    r.connected(); // the fourth attempt gets a good connection
                } else {
                    r.scheduleRetry(this);
                }
            }
        };
        attempt.run();
        while (timer.runNext()) {
            // attempts at 0, 1, 3, 7 s; the good connection leaves nothing pending
        }
        assertThat(attemptTimes).extracting(Duration::toSeconds).containsExactly(0L, 1L, 3L, 7L);

        timer.advance(Duration.ofSeconds(100)); // the good connection lasts until t=107, then drops
        Duration afterDrop = r.scheduleRetry(attempt);
        timer.runNext();
        assertThat(afterDrop).isEqualTo(Duration.ofSeconds(1));
        assertThat(attemptTimes).extracting(Duration::toSeconds).endsWith(108L);
        assertThat(r.consecutiveFailures()).isEqualTo(2);
    }

    @Test
    void resetAfterSuccessInTheMiddleOfAFailureStreak() {
        Reconnector r = reconnector(RetryPolicy.defaults(), CEILING);
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            delays.add(r.scheduleRetry(() -> {}));
        }
        r.connected();
        delays.add(r.scheduleRetry(() -> {}));
        assertThat(delays).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 1L);
        // rescheduling replaced the previous pending attempt each time
        assertThat(timer.pending()).isEqualTo(1);
    }

    @Test
    void stopCancelsThePendingAttemptAndRefusesNewOnes() {
        Reconnector r = reconnector(RetryPolicy.defaults(), CEILING);
        failingAttempt(r).run();
        r.stop();
        assertThat(timer.pending()).isZero();
        assertThat(r.scheduleRetry(() -> attemptTimes.add(timer.now()))).isNull();
        timer.advance(Duration.ofHours(1));
        assertThat(attemptTimes).hasSize(1);
    }
}
