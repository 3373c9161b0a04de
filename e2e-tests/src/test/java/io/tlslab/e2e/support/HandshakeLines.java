package io.tlslab.e2e.support;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code tlslab-client connect} printed: one {@code handshake: <outcome> (...)} line per
 * attempt, where the outcome is {@code ACCEPT}, {@code REJECT:<REASON>} or {@code FAILED} (no verdict:
 * connection refused while a server restarts, a timeout).
 */
public final class HandshakeLines {

    public static final Pattern HANDSHAKE = Pattern.compile("(?m)^handshake:\\s+(ACCEPT|REJECT:[A-Z_]+|FAILED)\\b");
    public static final Pattern STRICT_RECEIVED = Pattern.compile("(?m)^settings:\\s+strictValidation=true");
    public static final Pattern RETRY = Pattern.compile("(?m)^retry:\\s+in \\d+ ms");
    public static final Pattern STARTED = Pattern.compile("(?m)^endpoint \\S+ version \\S+ mode (\\S+)");

    private HandshakeLines() {}

    /** The certificate verdicts in the output, in order, without the attempts that reached none. */
    public static List<String> verdicts(String output) {
        Matcher m = HANDSHAKE.matcher(output);
        List<String> all = new ArrayList<>();
        while (m.find()) {
            if (!m.group(1).equals("FAILED")) {
                all.add(m.group(1));
            }
        }
        return all;
    }
}
