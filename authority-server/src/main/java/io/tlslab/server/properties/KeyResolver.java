package io.tlslab.server.properties;

import io.tlslab.protocol.settings.PropertyKey;
import io.tlslab.protocol.text.Untrusted;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns what an admin typed into a canonical key and a normalised value, or a one-line refusal.
 * Known keys come from {@link PropertyKey} (aliases included); unknown {@code c42.*} keys are
 * accepted as they are, with a warning, because the vendor has many more than the lab models.
 */
public final class KeyResolver {

    /** Longest key accepted (the store's column holds 255; no vendor key comes near). */
    public static final int MAX_KEY_CHARS = 128;

    /**
     * Longest value accepted. The settings pushed to endpoints must also fit one frame together
     * ({@code MessageCodec.MAX_FRAME_BYTES}); the command processor checks that as a whole.
     */
    public static final int MAX_VALUE_CHARS = 16_384;

    private static final java.util.regex.Pattern KEY_SYNTAX =
            java.util.regex.Pattern.compile("c42\\.[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    /** A resolved key: the canonical name, the known key if any, and a warning for unknown ones. */
    public record Resolved(String name, Optional<PropertyKey> known, Optional<String> warning) {}

    private KeyResolver() {}

    /**
     * @param wanted the scope of the command that names the key
     * @throws IllegalArgumentException one line: what is wrong and what was expected
     */
    public static Resolved resolve(String typed, PropertyKey.Scope wanted) {
        if (typed.length() > MAX_KEY_CHARS) {
            throw new IllegalArgumentException(
                    "key of " + typed.length() + " characters is too long: at most " + MAX_KEY_CHARS);
        }
        Optional<PropertyKey> known = PropertyKey.lookup(typed);
        if (known.isPresent()) {
            PropertyKey k = known.get();
            if (k.scope() != wanted) {
                throw new IllegalArgumentException(
                        k.scope() == PropertyKey.Scope.SYSTEM_SETTING
                                ? k.key() + " is a system setting: use setting.set system " + k.key() + " <value>"
                                : k.key() + " is a server property: use prop.set " + k.key() + " <value> [save [all]]");
            }
            return new Resolved(k.key(), known, Optional.empty());
        }
        if (KEY_SYNTAX.matcher(typed).matches()) {
            return new Resolved(
                    typed,
                    Optional.empty(),
                    Optional.of("warning: " + typed + " is not a key this server knows; stored as typed"));
        }
        throw new IllegalArgumentException("unknown key '" + Untrusted.escape(typed, 80) + "': expected one of "
                + knownKeys(wanted) + " or another " + PropertyKey.VENDOR_PREFIX
                + "* key (letters, digits, _ and - between dots)");
    }

    /** Checks and normalises a value; unknown keys keep their value as typed. */
    public static String normalise(Resolved key, String value) {
        if (value.length() > MAX_VALUE_CHARS) {
            throw new IllegalArgumentException(
                    "value of " + value.length() + " characters is too long: at most " + MAX_VALUE_CHARS);
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch < 0x20 || (ch >= 0x7F && ch <= 0x9F)) {
                throw new IllegalArgumentException(String.format(
                        "value holds the control character U+%04X at position %d: values are printable text",
                        (int) ch, i + 1));
            }
        }
        return key.known().map(k -> k.normalise(value)).orElse(value);
    }

    static String knownKeys(PropertyKey.Scope scope) {
        return Arrays.stream(PropertyKey.values())
                .filter(k -> k.scope() == scope)
                .map(PropertyKey::key)
                .collect(Collectors.joining(", "));
    }
}
