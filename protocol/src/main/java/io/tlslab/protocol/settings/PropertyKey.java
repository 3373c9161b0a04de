package io.tlslab.protocol.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The property and setting names an admin types in the console (SPEC §2). Names are the vendor's, so
 * the article's commands paste verbatim.
 */
public enum PropertyKey {
    /** After the next restart, 4287 and 4288 present the console's certificate and chain. */
    USE_HTTPS_CERTIFICATE(
            "c42.sabre.server.certificate.useHttpsCertificate", Scope.SERVER_PROPERTY, ValueType.BOOLEAN, "false"),
    /** SHA-1 (or SHA-256) fingerprints an endpoint trusts even when strict checks fail. */
    TRUSTED_FINGERPRINTS(
            "c42.sabre.server.certificate.trustedFingerprints",
            Scope.SERVER_PROPERTY,
            ValueType.FINGERPRINT_LIST,
            "",
            "c42.pki.cert.trustedFingerprints"),
    /** System setting pushed to every endpoint: validate the server strictly (6.0+ only). */
    STRICT_VALIDATION(
            "c42.sabre.client.certificate.strictValidation", Scope.SYSTEM_SETTING, ValueType.BOOLEAN, "false");

    /** Where a key lives: {@code prop.*} commands or {@code setting.* system} commands. */
    public enum Scope {
        SERVER_PROPERTY,
        SYSTEM_SETTING
    }

    /** How a value is parsed and checked. */
    public enum ValueType {
        BOOLEAN,
        FINGERPRINT_LIST
    }

    /** Prefix of the vendor's namespace: unknown keys under it are accepted with a warning. */
    public static final String VENDOR_PREFIX = "c42.";

    private final String key;
    private final Scope scope;
    private final ValueType type;
    private final String defaultValue;
    private final List<String> aliases;

    PropertyKey(String key, Scope scope, ValueType type, String defaultValue, String... aliases) {
        this.key = key;
        this.scope = scope;
        this.type = type;
        this.defaultValue = defaultValue;
        this.aliases = List.of(aliases);
    }

    /** The canonical name, as {@code prop.show} prints it. */
    public String key() {
        return key;
    }

    public Scope scope() {
        return scope;
    }

    public ValueType type() {
        return type;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public List<String> aliases() {
        return aliases;
    }

    /** Finds a key by its canonical name or an alias, case-sensitively as the vendor does. */
    public static Optional<PropertyKey> lookup(String name) {
        return Arrays.stream(values())
                .filter(k -> k.key.equals(name) || k.aliases.contains(name))
                .findFirst();
    }

    /**
     * Checks and normalises a value for this key. Booleans accept {@code true}/{@code false} in any
     * case; fingerprint lists are normalised by {@link FingerprintList#parse}.
     *
     * @throws IllegalArgumentException with a one-line message saying what was expected
     */
    public String normalise(String value) {
        return switch (type) {
            case BOOLEAN -> {
                String v = value.trim().toLowerCase(java.util.Locale.ROOT);
                if (!v.equals("true") && !v.equals("false")) {
                    throw new IllegalArgumentException(key + " expects true or false, got '" + value + "'");
                }
                yield v;
            }
            case FINGERPRINT_LIST -> FingerprintList.parse(value).toString();
        };
    }
}
