package io.tlslab.protocol.text;

/**
 * The one way a value from outside (a GUID, a user name, a command line, a peer's reason) reaches a
 * log line or a terminal: control characters, line and paragraph separators, bidi overrides, quotes
 * and backslashes are escaped, and long values are cut. So a newline in a user name cannot start a
 * fake log line, a NUL cannot hide the rest of one, and an ESC cannot drive the admin's terminal.
 *
 * <p>Hand-written rather than commons-text's {@code escapeJava}: that one also escapes every
 * non-ASCII letter (a user named "José" would print as "Jos\u00E9") and does not cut.
 */
public final class Untrusted {

    /** Longest value printed; the rest is replaced by a count, so one value cannot flood a log. */
    public static final int MAX_PRINTED_CHARS = 512;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Untrusted() {}

    /** The value, escaped and cut to {@link #MAX_PRINTED_CHARS}; {@code null} prints as {@code null}. */
    public static String escape(Object value) {
        return escape(value, MAX_PRINTED_CHARS);
    }

    public static String escape(Object value, int maxChars) {
        if (value == null) {
            return "null";
        }
        String s = value.toString();
        int n = Math.min(s.length(), maxChars);
        StringBuilder out = null;
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            String replacement = replacement(ch);
            if (replacement != null && out == null) {
                out = new StringBuilder(n + 16).append(s, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(ch);
                }
            }
        }
        if (out == null && n == s.length()) {
            return s; // the common case: nothing to do, nothing allocated
        }
        if (out == null) {
            out = new StringBuilder(n + 24).append(s, 0, n);
        }
        if (n < s.length()) {
            out.append("...(").append(s.length() - n).append(" more chars)");
        }
        return out.toString();
    }

    /**
     * Escapes only what can break a line or drive a terminal (controls, separators, bidi overrides),
     * keeping quotes and backslashes: for a whole formatted log message, the last line of defence.
     */
    public static String escapeControls(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            String replacement = ch == '\\' || ch == '"' ? null : replacement(ch);
            if (replacement != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(ch);
                }
            }
        }
        return out == null ? s : out.toString();
    }

    /** True when {@link #escape} would change nothing but the length. */
    public static boolean isPrintable(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (replacement(s.charAt(i)) != null) {
                return false;
            }
        }
        return true;
    }

    private static String replacement(char ch) {
        switch (ch) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            case '\\':
                return "\\\\";
            case '"':
                return "\\\"";
            default:
                break;
        }
        boolean control = ch < 0x20 || (ch >= 0x7F && ch <= 0x9F);
        boolean separator = ch == '\u2028' || ch == '\u2029' || ch == '\u0085';
        boolean bidi = (ch >= '\u202A' && ch <= '\u202E')
                || (ch >= '\u2066' && ch <= '\u2069')
                || ch == '\u200E'
                || ch == '\u200F';
        if (control || separator || bidi) {
            return "\\u" + HEX[(ch >> 12) & 0xF] + HEX[(ch >> 8) & 0xF] + HEX[(ch >> 4) & 0xF] + HEX[ch & 0xF];
        }
        return null;
    }
}
