package io.tlslab.server.store;

import java.time.OffsetDateTime;

/**
 * A listener's key and chain as PKCS#12 bytes plus the random password that protects them.
 * {@code origin} says whether it is the generated self-signed default or an admin's import.
 */
public record StoredKeystore(
        String purpose, Origin origin, byte[] pkcs12, char[] password, OffsetDateTime installedAt) {

    public enum Origin {
        SELF_SIGNED,
        INSTALLED
    }
}
