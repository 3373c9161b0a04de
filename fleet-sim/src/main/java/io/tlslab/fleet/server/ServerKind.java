package io.tlslab.fleet.server;

import java.util.Locale;

/** What a fleet command starts to present certificates to its endpoints ({@code --server}). */
public enum ServerKind {
    /** The authority server's endpoint listener (4287), in this process. */
    AUTHORITY,
    /** A bare Netty TLS server: the floor. */
    NETTY;

    /** {@code authority} or {@code netty}, any case. */
    public static ServerKind parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "authority" -> AUTHORITY;
            case "netty" -> NETTY;
            default ->
                throw new IllegalArgumentException("unknown --server '" + text + "', expected authority or netty");
        };
    }
}
