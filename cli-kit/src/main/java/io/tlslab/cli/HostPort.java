package io.tlslab.cli;

import java.util.Objects;

/**
 * A {@code HOST[:PORT]} as typed on a command line: a name, an IPv4 address, or an IPv6 address in
 * brackets when a port follows ({@code [::1]:4999}); a bare IPv6 address ({@code ::1}) has no port.
 *
 * @param host the host without brackets
 * @param port the port, or {@link #NO_PORT} when none was given
 */
public record HostPort(String host, int port) {
    public static final int NO_PORT = -1;

    public HostPort {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port != NO_PORT && (port < 1 || port > 65_535)) {
            throw new IllegalArgumentException("port " + port + " is out of range 1-65535");
        }
    }

    /** @throws IllegalArgumentException with the accepted forms */
    public static HostPort parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException(
                    "empty address: expected HOST[:PORT], e.g. 127.0.0.1:4287 or [::1]:4287");
        }
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 2) {
                throw new IllegalArgumentException("'" + t + "': an IPv6 address in brackets needs its closing ']'");
            }
            String host = t.substring(1, close);
            String rest = t.substring(close + 1);
            if (rest.isEmpty()) {
                return new HostPort(host, NO_PORT);
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("'" + t + "': expected ':PORT' after ']'");
            }
            return new HostPort(host, port(t, rest.substring(1)));
        }
        int colon = t.indexOf(':');
        if (colon < 0) {
            return new HostPort(t, NO_PORT);
        }
        if (t.indexOf(':', colon + 1) >= 0) {
            return new HostPort(t, NO_PORT); // a bare IPv6 address: a port needs brackets
        }
        if (colon == 0) {
            throw new IllegalArgumentException("'" + t + "': the host is missing before ':'");
        }
        return new HostPort(t.substring(0, colon), port(t, t.substring(colon + 1)));
    }

    private static int port(String whole, String digits) {
        try {
            int p = Integer.parseInt(digits);
            if (p < 1 || p > 65_535) {
                throw new IllegalArgumentException("'" + whole + "': port " + p + " is out of range 1-65535");
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + whole + "': '" + digits + "' is not a port number");
        }
    }

    public boolean hasPort() {
        return port != NO_PORT;
    }

    /** This address with {@code port} when none was given. */
    public HostPort orPort(int defaultPort) {
        return hasPort() ? this : new HostPort(host, defaultPort);
    }

    /** {@code host:port}, with brackets around an IPv6 host. */
    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return hasPort() ? h + ":" + port : h;
    }
}
