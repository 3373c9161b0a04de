package io.tlslab.server.cert;

import java.util.Locale;

/** Which listener a keystore is for. */
public enum ListenerPurpose {
    /** The HTTPS console, 4285: the certificate an admin replaces with a CA-signed one. */
    CONSOLE,
    /** The message protocol, 4287 and 4288: self-signed unless useHttpsCertificate is true. */
    MESSAGING;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code console} or {@code messaging}. */
    public static ListenerPurpose parse(String text) {
        for (ListenerPurpose p : values()) {
            if (p.id().equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown certificate target '" + text + "': expected console or messaging");
    }
}
