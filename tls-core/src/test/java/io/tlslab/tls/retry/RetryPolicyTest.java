package io.tlslab.tls.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    /** A random source that always answers the largest value allowed: delays equal their ceiling. */
    private static final RandomGenerator ALWAYS_MAX = new RandomGenerator() {
        @Override
        public long nextLong() {
            return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    @Test
    void withoutJitterEveryDelayIsItsCeilingSoAFleetRetriesInLockstep() {
        RetryPolicy policy = RetryPolicy.exponential(Duration.ofMillis(100), Duration.ofSeconds(5))
                .withoutJitter();
        SplittableRandom random = new SplittableRandom(7);
        for (int retry = 0; retry < 10; retry++) {
            assertThat(policy.delayBefore(retry, random)).isEqualTo(policy.ceilingBefore(retry));
        }
        assertThat(policy.delayBefore(0, random)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.delayBefore(9, random)).isEqualTo(Duration.ofSeconds(5));
        assertThat(RetryPolicy.fixed(Duration.ofSeconds(30)).withoutJitter())
                .isEqualTo(RetryPolicy.fixed(Duration.ofSeconds(30)));
    }

    @Test
    void defaultCeilingsDoubleFromOneSecondUpToTheCap() {
        RetryPolicy policy = RetryPolicy.defaults();
        List<Long> ceilings = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ceilings.add(policy.ceilingBefore(i).toSeconds());
        }
        assertThat(ceilings).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L, 300L);
        assertThat(policy.ceilingBefore(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void fullJitterStaysWithinZeroAndTheCeilingAndUsesTheWholeRange() {
        RetryPolicy policy = RetryPolicy.defaults();
        SplittableRandom random = new SplittableRandom(42);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2_000; i++) {
            long ms = policy.delayBefore(9, random).toMillis();
            assertThat(ms).isBetween(0L, 300_000L);
            min = Math.min(min, ms);
            max = Math.max(max, ms);
        }
        // full jitter, not "half jitter": both ends of [0, 300 s] are reached
        assertThat(min).isLessThan(30_000L);
        assertThat(max).isGreaterThan(270_000L);
        assertThat(policy.delayBefore(3, ALWAYS_MAX)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void fixedPolicyIgnoresRandomAndAttemptCount() {
        RetryPolicy policy = RetryPolicy.vendorFixed();
        assertThat(policy.delayBefore(0, new SplittableRandom(1))).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delayBefore(50, new SplittableRandom(2))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void parsesTheDocumentedForms() {
        assertThat(RetryPolicy.parse("exponential")).isEqualTo(RetryPolicy.defaults());
        assertThat(RetryPolicy.parse("exponential:500ms:1m"))
                .isEqualTo(RetryPolicy.exponential(Duration.ofMillis(500), Duration.ofMinutes(1)));
        assertThat(RetryPolicy.parse("fixed")).isEqualTo(RetryPolicy.vendorFixed());
        assertThat(RetryPolicy.parse("FIXED:5s")).isEqualTo(RetryPolicy.fixed(Duration.ofSeconds(5)));
        assertThat(RetryPolicy.parse(RetryPolicy.defaults().toString())).isEqualTo(RetryPolicy.defaults());
    }

    @Test
    void rejectsMalformedPoliciesWithTheAcceptedForms() {
        assertThatThrownBy(() -> RetryPolicy.parse("linear")).hasMessageContaining("exponential[:FIRST[:CAP]]");
        assertThatThrownBy(() -> RetryPolicy.parse("fixed:soon")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> RetryPolicy.parse("exponential:10s:1s")).hasMessageContaining("below the first delay");
        assertThatThrownBy(() -> RetryPolicy.parse("fixed:0s")).hasMessageContaining("must be positive");
    }
}
