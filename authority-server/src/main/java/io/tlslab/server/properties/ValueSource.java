package io.tlslab.server.properties;

import java.util.Locale;

/** Where an effective value comes from, as {@code prop.show} and {@code setting.show} print it. */
enum ValueSource {
    DEFAULT,
    RUNTIME,
    SAVED,
    REPLICATED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
