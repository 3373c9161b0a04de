package io.tlslab.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.Locale;

/**
 * The TLS implementation an endpoint uses. Both run the same tlslab trust manager, so they must
 * reach identical verdicts; they differ in speed (BoringSSL is 2-4x faster, see perf-notes).
 */
public enum TlsEngine {
    /** BoringSSL through netty-tcnative-boringssl-static: the default wherever it loads. */
    OPENSSL("OpenSSL", SslProvider.OPENSSL),
    /** The JDK's own SSLEngine. */
    JDK("JDK", SslProvider.JDK);

    private final String displayName;
    private final SslProvider provider;

    TlsEngine(String displayName, SslProvider provider) {
        this.displayName = displayName;
        this.provider = provider;
    }

    /** OpenSSL when its native library loads on this machine, else the JDK engine. */
    public static TlsEngine preferred() {
        return OpenSsl.isAvailable() ? OPENSSL : JDK;
    }

    public boolean isAvailable() {
        return this == JDK || OpenSsl.isAvailable();
    }

    /** Why this engine cannot be used here; empty if it can. */
    public String unavailabilityReason() {
        if (isAvailable()) {
            return "";
        }
        Throwable cause = OpenSsl.unavailabilityCause();
        return "OpenSSL (netty-tcnative) does not load on this machine"
                + (cause == null ? "" : ": " + cause.getMessage());
    }

    public SslProvider sslProvider() {
        return provider;
    }

    /** {@code OpenSSL} or {@code JDK}: the provider name in handshake log lines (SPEC §4). */
    public String displayName() {
        return displayName;
    }

    /**
     * Parses {@code openssl} (also {@code boringssl}), {@code jdk} or {@code auto} (the preferred engine),
     * case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static TlsEngine parse(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "openssl":
            case "boringssl":
                return OPENSSL;
            case "jdk":
                return JDK;
            case "auto":
                return preferred();
            default:
                throw new IllegalArgumentException("unknown TLS engine '" + text + "': expected openssl, jdk or auto");
        }
    }
}
