package io.tlslab.server.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Issue 10 finding 6: an attacker on another address kept the only admin locked out. */
class LoginThrottleTest {
    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void failuresFromOneAddressNeverLockTheAdminOutOfAnotherAddress() {
        for (int i = 0; i < 50; i++) {
            throttle.failed("admin", "10.0.0.66");
        }
        assertThat(throttle.lockedFor("admin", "10.0.0.66")).isPresent();
        assertThat(throttle.lockedFor("admin", "10.0.0.1"))
                .as("the admin's own address")
                .isEmpty();
    }

    @Test
    void theUserAddressPairLocksAfterFiveFailuresAndTheAddressAfterTwentyWhateverTheNames() {
        for (int i = 0; i < LoginThrottle.FREE_ATTEMPTS; i++) {
            assertThat(throttle.lockedFor("admin", "10.0.0.7")).isEmpty();
            throttle.failed("admin", "10.0.0.7");
        }
        assertThat(throttle.lockedFor("admin", "10.0.0.7"))
                .hasValueSatisfying(d -> assertThat(d).isEqualTo(Duration.ofSeconds(30)));
        for (int i = 0; i < LoginThrottle.FREE_ATTEMPTS_PER_ADDRESS; i++) {
            throttle.failed("name" + i, "10.0.0.8");
        }
        assertThat(throttle.lockedFor("someone-else", "10.0.0.8")).isPresent();
        clock.advance(Duration.ofSeconds(31));
        assertThat(throttle.lockedFor("admin", "10.0.0.7"))
                .as("the lock expires")
                .isEmpty();
    }

    @Test
    void theGlobalPaceSlowsAddressesThatFailedButNeverAFreshOne() {
        for (int a = 0; a < 200; a++) {
            throttle.failed("admin", "10.1." + (a / 250) + "." + (a % 250));
        }
        int allowed = 0;
        for (int a = 0; a < 200; a++) {
            if (throttle.lockedFor("admin", "10.1." + (a / 250) + "." + (a % 250))
                    .isEmpty()) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(LoginThrottle.GLOBAL_TRIES_PER_MINUTE);
        assertThat(throttle.lockedFor("admin", "192.168.1.10"))
                .as("a fresh address is never paced")
                .isEmpty();
        clock.advance(Duration.ofSeconds(61));
        assertThat(throttle.lockedFor("admin", "10.1.0.5"))
                .as("a new minute, new tries")
                .isEmpty();
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-30T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
