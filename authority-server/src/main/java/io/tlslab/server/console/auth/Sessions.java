package io.tlslab.server.console.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in console sessions, in memory (a restart signs everyone out, which is the safe default).
 * Each session has its own CSRF token that state-changing calls must echo in {@code X-CSRF-Token}.
 */
public final class Sessions {
    public static final String COOKIE = "TLSLAB_SESSION";
    private static final Duration IDLE = Duration.ofMinutes(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Session(String id, String username, String csrfToken, Instant created) {
    }

    private record Entry(Session session, Instant lastUsed) {
    }

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    public Session create(String username) {
        Session s = new Session(token(), username, token(), clock.instant());
        sessions.put(s.id(), new Entry(s, clock.instant()));
        return s;
    }

    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Entry e = sessions.get(id);
        if (e == null) {
            return Optional.empty();
        }
        if (e.lastUsed().plus(IDLE).isBefore(clock.instant())) {
            sessions.remove(id);
            return Optional.empty();
        }
        sessions.put(id, new Entry(e.session(), clock.instant()));
        return Optional.of(e.session());
    }

    public void remove(String id) {
        sessions.remove(id);
    }

    private static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
