package io.tlslab.protocol.wire;

import java.util.regex.Pattern;

/**
 * The syntax of a device or server GUID in a HELLO: 1 to {@value #MAX_CHARS} characters, letters,
 * digits and {@code . _ : @ -}, starting with a letter or digit. A UUID fits; markup, spaces,
 * control characters and 60 KB strings do not. Checked where a HELLO enters the server.
 */
public final class Guid {
    public static final int MAX_CHARS = 128;
    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0," + (MAX_CHARS - 1) + "}");

    private Guid() {}

    public static boolean isValid(String guid) {
        return guid != null
                && guid.length() <= MAX_CHARS
                && SYNTAX.matcher(guid).matches();
    }

    /** One line saying what a GUID must look like. */
    public static String rule() {
        return "a GUID is 1 to " + MAX_CHARS + " letters, digits or . _ : @ - starting with a letter or digit";
    }
}
