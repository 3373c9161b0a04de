package io.tlslab.server.properties;

import io.tlslab.protocol.settings.PropertyKey;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns what an admin typed into a canonical key and a normalised value, or a one-line refusal.
 * Known keys come from {@link PropertyKey} (aliases included); unknown {@code c42.*} keys are
 * accepted as they are, with a warning, because the vendor has many more than the lab models.
 */
public final class KeyResolver {

    /** A resolved key: the canonical name, the known key if any, and a warning for unknown ones. */
    public record Resolved(String name, Optional<PropertyKey> known, Optional<String> warning) {
    }

    private KeyResolver() {
    }

    /**
     * @param wanted the scope of the command that names the key
     * @throws IllegalArgumentException one line: what is wrong and what was expected
     */
    public static Resolved resolve(String typed, PropertyKey.Scope wanted) {
        Optional<PropertyKey> known = PropertyKey.lookup(typed);
        if (known.isPresent()) {
            PropertyKey k = known.get();
            if (k.scope() != wanted) {
                throw new IllegalArgumentException(k.scope() == PropertyKey.Scope.SYSTEM_SETTING
                        ? k.key() + " is a system setting: use setting.set system " + k.key() + " <value>"
                        : k.key() + " is a server property: use prop.set " + k.key() + " <value> [save [all]]");
            }
            return new Resolved(k.key(), known, Optional.empty());
        }
        if (typed.startsWith(PropertyKey.VENDOR_PREFIX) && typed.length() > PropertyKey.VENDOR_PREFIX.length()
                && typed.chars().noneMatch(Character::isWhitespace)) {
            return new Resolved(typed, Optional.empty(),
                    Optional.of("warning: " + typed + " is not a key this server knows; stored as typed"));
        }
        throw new IllegalArgumentException("unknown key '" + typed + "': expected one of "
                + knownKeys(wanted) + " or another " + PropertyKey.VENDOR_PREFIX + "* key");
    }

    /** Checks and normalises a value; unknown keys keep their value as typed. */
    public static String normalise(Resolved key, String value) {
        return key.known().map(k -> k.normalise(value)).orElse(value);
    }

    static String knownKeys(PropertyKey.Scope scope) {
        return Arrays.stream(PropertyKey.values()).filter(k -> k.scope() == scope)
                .map(PropertyKey::key).collect(Collectors.joining(", "));
    }
}
