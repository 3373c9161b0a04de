package io.tlslab.ca.scenario;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks the host a scenario set is minted for. It must be a DNS name because the scenarios derive
 * names from it ({@code *.host}, {@code node1.host}, {@code a.b.host}); IP_SAN covers IP addresses.
 */
public final class HostNames {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    /** Leaves room for the longest derived dial host, {@code a.b.<host>}. */
    private static final int MAX_LENGTH = 253 - 4;

    private HostNames() {}

    /**
     * Lower-cases and checks a host name.
     *
     * @throws IllegalArgumentException one line saying what is wrong with it
     */
    public static String requireDnsName(String host) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("host '" + host + "' is longer than " + MAX_LENGTH + " characters");
        }
        String[] labels = h.split("\\.", -1);
        boolean allNumeric = true;
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("invalid host '" + host + "': each dot-separated label must be 1-63 "
                        + "letters, digits or inner hyphens");
            }
            allNumeric &= label.chars().allMatch(Character::isDigit);
        }
        if (allNumeric) {
            throw new IllegalArgumentException("invalid host '" + host + "': give a DNS name, not an IP address "
                    + "(the IP_SAN scenario always certifies 127.0.0.1)");
        }
        return h;
    }
}
