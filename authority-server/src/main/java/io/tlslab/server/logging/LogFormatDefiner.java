package io.tlslab.server.logging;

import ch.qos.logback.core.PropertyDefinerBase;
import java.util.Locale;

/**
 * The log format from {@code TLSLAB_LOG_FORMAT}, read the way Logback reads a variable (context property,
 * then system property, then environment) but forgiving its case: {@code json} means JSON. Anything but
 * TEXT or JSON logs as TEXT with one line saying so on stderr, because an unknown format would otherwise
 * leave the server with no log at all and Logback would print its whole start-up status instead.
 */
public final class LogFormatDefiner extends PropertyDefinerBase {
    static final String VARIABLE = "TLSLAB_LOG_FORMAT";

    @Override
    public String getPropertyValue() {
        String value = getContext() == null ? null : getContext().getProperty(VARIABLE);
        if (value == null) {
            value = System.getProperty(VARIABLE);
        }
        if (value == null) {
            value = System.getenv(VARIABLE);
        }
        String format = format(value);
        if (format == null) {
            System.err.println("tlslab: " + VARIABLE + " is neither TEXT nor JSON: logging as TEXT");
            return "TEXT";
        }
        return format;
    }

    /** TEXT or JSON for a value naming one of them in any case (TEXT when unset), else null. */
    static String format(String value) {
        if (value == null || value.isBlank()) {
            return "TEXT";
        }
        String format = value.trim().toUpperCase(Locale.ROOT);
        return format.equals("TEXT") || format.equals("JSON") ? format : null;
    }
}
