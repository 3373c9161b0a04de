package io.tlslab.server.console.auth;

import io.tlslab.server.store.SessionRepository;
import io.tlslab.server.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Signed-in console sessions, kept in the store so that a restart does not sign every admin out;
 * revoked on sign-out and on a password change. The store holds only the SHA-256 of each cookie.
 * Each session has its own CSRF token that state-changing calls must echo in {@code X-CSRF-Token}.
 * Sessions end after {@value #IDLE_MINUTES} idle minutes; last use is written at most once a minute.
 */
public final class Sessions {
    public static final String COOKIE = "TLSLAB_SESSION";
    static final int IDLE_MINUTES = 30;
    private static final Duration IDLE = Duration.ofMinutes(IDLE_MINUTES);
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Session(String id, String username, String csrfToken, Instant created) {}

    private final Store store;
    private final Clock clock;

    public Sessions(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Session create(String username) {
        Session s = new Session(token(), username, token(), clock.instant());
        OffsetDateTime now = OffsetDateTime.ofInstant(s.created(), ZoneOffset.UTC);
        store.tx(c -> {
            store.sessions()
                    .insert(c, new SessionRepository.StoredSession(sha256(s.id()), username, s.csrfToken(), now, now));
            return null;
        });
        return s;
    }

    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return Optional.empty();
        }
        String key = sha256(id);
        Optional<SessionRepository.StoredSession> found =
                store.tx(c -> store.sessions().find(c, key));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SessionRepository.StoredSession s = found.get();
        Instant now = clock.instant();
        if (s.lastUsed().toInstant().plus(IDLE).isBefore(now)) {
            remove(id);
            return Optional.empty();
        }
        if (s.lastUsed().toInstant().plus(TOUCH_EVERY).isBefore(now)) {
            store.tx(c -> {
                store.sessions().touch(c, key, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                return null;
            });
        }
        return Optional.of(
                new Session(id, s.username(), s.csrfToken(), s.created().toInstant()));
    }

    public void remove(String id) {
        String key = sha256(id);
        store.tx(c -> {
            store.sessions().delete(c, key);
            return null;
        });
    }

    /** Signs the user out everywhere (a password change). */
    public int revokeAll(String username) {
        return store.tx(c -> store.sessions().deleteAllOf(c, username));
    }

    /** Drops sessions idle for longer than the limit (housekeeping). */
    public int expireIdle() {
        OffsetDateTime cutoff = OffsetDateTime.ofInstant(clock.instant().minus(IDLE), ZoneOffset.UTC);
        return store.tx(c -> store.sessions().deleteIdleSince(c, cutoff));
    }

    private static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String sha256(String id) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks SHA-256", e);
        }
    }
}
