package io.tlslab.server.logging;

import ch.qos.logback.core.PropertyDefinerBase;
import java.util.Locale;

/**
 * The log format named by {@code TLSLAB_LOG_FORMAT} (looked up by Logback itself and handed in as
 * {@code given}), forgiving its case: {@code json} means JSON. Anything but TEXT or JSON logs as TEXT with
 * one line saying so on stderr, because an unknown format would otherwise leave the server with no log at
 * all and Logback would print its whole start-up status instead.
 */
public final class LogFormatDefiner extends PropertyDefinerBase {
    private String given;

    /** The variable's value as Logback found it (context, system property or environment), blank when unset. */
    public void setGiven(String given) {
        this.given = given;
    }

    @Override
    public String getPropertyValue() {
        String format = format(given);
        if (format == null) {
            System.err.println("tlslab: TLSLAB_LOG_FORMAT is neither TEXT nor JSON: logging as TEXT");
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
