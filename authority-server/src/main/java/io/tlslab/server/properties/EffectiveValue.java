package io.tlslab.server.properties;

/** A key's value as the server uses it right now, and its origin. */
public record EffectiveValue(String key, String value, ValueSource source) {

    /** {@code key = value (source)}: one line of {@code prop.show}. */
    public String describe() {
        return key + " = " + (value.isEmpty() ? "\"\"" : value) + " (" + source.label() + ")";
    }
}
