package io.tlslab.server.console.auth;

import io.tlslab.protocol.text.Untrusted;
import io.tlslab.server.store.AuditEntry;
import io.tlslab.server.store.Store;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.regex.Pattern;

/** The console's administrators: the first one is created on first start. */
public final class AdminAccounts {
    public static final String FIRST_ADMIN = "admin";
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    /** What a user name may hold: also what keeps one out of log lines and HTML as plain text. */
    public static final String USERNAME_RULE = "a user name is 1 to 64 letters, digits or . _ @ -";

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    /**
     * Verified against when the user does not exist, so an unknown name costs exactly one hash like
     * a known one (hashing a fresh dummy as well doubled the work and told which names exist).
     */
    private static final String DUMMY_HASH = PasswordHasher.hash("not-a-password".toCharArray());

    private final Store store;
    private final Sessions sessions;

    public AdminAccounts(Store store) {
        this.store = store;
        this.sessions = new Sessions(store, java.time.Clock.systemUTC());
    }

    /** The console sessions of these admins (kept in the same store). */
    public Sessions sessions() {
        return sessions;
    }

    /**
     * Sets a new password and signs the admin out everywhere: a session opened with the old password
     * must not outlive it.
     *
     * @return how many sessions were revoked
     * @throws IllegalArgumentException for an unknown admin or an empty password
     */
    public int changePassword(String username, char[] newPassword) {
        if (newPassword == null || newPassword.length < 12) {
            throw new IllegalArgumentException("a password has at least 12 characters");
        }
        String hash = PasswordHasher.hash(newPassword);
        boolean known = store.tx(c -> store.admins().setPasswordHash(c, username, hash));
        if (!known) {
            throw new IllegalArgumentException("no admin named '" + Untrusted.escape(username, 64) + "'");
        }
        return sessions.revokeAll(username);
    }

    /**
     * Creates the first admin when there is none: with {@code configured} when given, else with a
     * generated password that is returned so it can be printed once.
     */
    public Optional<char[]> ensureFirstAdmin(char[] configured) {
        return store.getOrCreate(c -> {
            if (store.admins().count(c) > 0) {
                return Optional.<char[]>empty();
            }
            char[] password = configured != null && configured.length > 0 ? configured : generate();
            store.admins().create(c, FIRST_ADMIN, PasswordHasher.hash(password));
            return configured != null && configured.length > 0 ? Optional.<char[]>empty() : Optional.of(password);
        });
    }

    public boolean verify(String username, char[] password) {
        Optional<String> hash = store.tx(c -> store.admins().passwordHash(c, username));
        if (hash.isEmpty()) {
            // Same cost for unknown users, so timing does not reveal which names exist.
            PasswordHasher.verify(password, DUMMY_HASH);
            return false;
        }
        return PasswordHasher.verify(password, hash.get());
    }

    public static boolean isValidUsername(String name) {
        return name != null && USERNAME.matcher(name).matches();
    }

    /** A sign-in refused before any password check (e.g. a malformed user name): one audit row. */
    public void recordRefusedSignIn(String typedName, String address, String why) {
        String name = Untrusted.escape(typedName, 64);
        store.tx(c -> {
            store.auditLog()
                    .append(
                            c,
                            new AuditEntry(
                                    OffsetDateTime.now(),
                                    "-",
                                    "console",
                                    "sign-in as \"" + name + "\" from " + address,
                                    false,
                                    why));
            return null;
        });
    }

    private static char[] generate() {
        SecureRandom r = new SecureRandom();
        char[] p = new char[20];
        for (int i = 0; i < p.length; i++) {
            p[i] = ALPHABET[r.nextInt(ALPHABET.length)];
        }
        return p;
    }
}
