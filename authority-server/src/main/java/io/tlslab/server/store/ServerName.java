package io.tlslab.server.store;

import java.util.regex.Pattern;

/** The rule for a server's name in a shared database: short, and safe in a log line and a URL. */
public final class ServerName {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private ServerName() {}

    /** Returns the name when it follows the rule; otherwise an exception saying the rule. */
    public static String check(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("server name '"
                    + (name == null ? "" : io.tlslab.protocol.text.Untrusted.escape(name, 80))
                    + "' is not valid: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }
}
