package io.tlslab.server.console.auth;

import io.tlslab.server.store.Store;
import java.security.SecureRandom;
import java.util.Optional;

/** The console's administrators: the first one is created on first start. */
public final class AdminAccounts {
    public static final String FIRST_ADMIN = "admin";
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    private final Store store;

    public AdminAccounts(Store store) {
        this.store = store;
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
            PasswordHasher.verify(password, PasswordHasher.hash(new char[] {'x'}));
            return false;
        }
        return PasswordHasher.verify(password, hash.get());
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
