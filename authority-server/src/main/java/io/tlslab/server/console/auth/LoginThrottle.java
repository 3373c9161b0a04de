package io.tlslab.server.console.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Slows password guessing without letting an attacker lock the admin out:
 * <ul>
 * <li>a lockout per (user name, address): after {@value #FREE_ATTEMPTS} failures, each further
 * attempt of that pair waits, doubling from 30 s up to 15 min;</li>
 * <li>a lockout per address after {@value #FREE_ATTEMPTS_PER_ADDRESS} failures whatever the names;</li>
 * <li>a global pace: addresses that have already failed share {@value #GLOBAL_TRIES_PER_MINUTE}
 * further tries a minute between them. An address that has never failed is never paced, so the
 * right password from a fresh address always gets checked.</li>
 * </ul>
 * There is no lockout per user name alone: that let anyone, from anywhere, keep the only admin out.
 * State is bounded (at most {@value #MAX_TRACKED} entries, forgotten after 15 minutes).
 */
public final class LoginThrottle {
    static final int FREE_ATTEMPTS = 5;
    static final int FREE_ATTEMPTS_PER_ADDRESS = 20;
    static final int GLOBAL_TRIES_PER_MINUTE = 60;
    static final int MAX_TRACKED = 100_000;
    private static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    private static final Duration MAX_LOCK = Duration.ofMinutes(15);

    private record State(int failures, Instant lockedUntil) {}

    private final Cache<String, State> states = Caffeine.newBuilder()
            .maximumSize(MAX_TRACKED)
            .expireAfterWrite(MAX_LOCK)
            .build();
    private final Clock clock;
    private long windowStartMillis;
    private int windowTries;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the caller must wait before this attempt is checked, if at all. */
    public Optional<Duration> lockedFor(String user, String address) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : new String[] {pair(user, address), addressKey(address)}) {
            State s = states.getIfPresent(key);
            if (s != null && s.lockedUntil() != null && s.lockedUntil().isAfter(now)) {
                Duration d = Duration.between(now, s.lockedUntil());
                if (d.compareTo(longest) > 0) {
                    longest = d;
                }
            }
        }
        if (longest.isZero() && states.getIfPresent(addressKey(address)) != null) {
            Optional<Duration> paced = takeGlobalTry(now);
            if (paced.isPresent()) {
                return paced;
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    public void failed(String user, String address) {
        bump(pair(user, address), FREE_ATTEMPTS);
        bump(addressKey(address), FREE_ATTEMPTS_PER_ADDRESS);
    }

    public void succeeded(String user, String address) {
        states.invalidate(pair(user, address));
    }

    private void bump(String key, int free) {
        Instant now = clock.instant();
        states.asMap().compute(key, (k, s) -> {
            int failures = (s == null ? 0 : s.failures()) + 1;
            Instant until = null;
            if (failures >= free) {
                int doublings = Math.min(failures - free, 10);
                Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
                until = now.plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
            }
            return new State(failures, until);
        });
    }

    /** One try from the shared per-minute allowance of addresses that have failed before. */
    private synchronized Optional<Duration> takeGlobalTry(Instant now) {
        long millis = now.toEpochMilli();
        if (millis - windowStartMillis >= 60_000) {
            windowStartMillis = millis;
            windowTries = 0;
        }
        if (windowTries < GLOBAL_TRIES_PER_MINUTE) {
            windowTries++;
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Math.max(1000, 60_000 - (millis - windowStartMillis))));
    }

    private static String pair(String user, String address) {
        return "pair:" + user + "\u0000" + address;
    }

    private static String addressKey(String address) {
        return "addr:" + address;
    }
}
