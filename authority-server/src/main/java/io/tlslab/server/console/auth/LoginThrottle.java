package io.tlslab.server.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lockout after repeated failures, per user name and per client address: after
 * {@value #FREE_ATTEMPTS} failures every further attempt waits, doubling from 30 s up to 15 min.
 * While locked, even the right password is refused (that is what makes guessing slow).
 */
public final class LoginThrottle {
    static final int FREE_ATTEMPTS = 5;
    private static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    private static final Duration MAX_LOCK = Duration.ofMinutes(15);

    private record State(int failures, Instant lockedUntil) {
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the caller must wait, if locked. */
    public Optional<Duration> lockedFor(String user, String address) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : keys(user, address)) {
            State s = states.get(key);
            if (s != null && s.lockedUntil() != null && s.lockedUntil().isAfter(now)) {
                Duration d = Duration.between(now, s.lockedUntil());
                if (d.compareTo(longest) > 0) {
                    longest = d;
                }
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    public void failed(String user, String address) {
        for (String key : keys(user, address)) {
            states.compute(key, (k, s) -> {
                int failures = (s == null ? 0 : s.failures()) + 1;
                Instant until = null;
                if (failures >= FREE_ATTEMPTS) {
                    int doublings = Math.min(failures - FREE_ATTEMPTS, 10);
                    Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
                    until = clock.instant().plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
                }
                return new State(failures, until);
            });
        }
    }

    public void succeeded(String user, String address) {
        for (String key : keys(user, address)) {
            states.remove(key);
        }
    }

    private static String[] keys(String user, String address) {
        return new String[] {"user:" + user, "addr:" + address};
    }
}
