package io.tlslab.fleet.load;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

/** The two TLS implementations every endpoint and server can run on (SPEC §5: identical verdicts). */
public enum TlsEngine {
    /** The JDK's SSLEngine. */
    JDK(SslProvider.JDK),
    /** BoringSSL through netty-tcnative. */
    OPENSSL(SslProvider.OPENSSL);

    private final SslProvider provider;

    TlsEngine(SslProvider provider) {
        this.provider = provider;
    }

    public SslProvider provider() {
        return provider;
    }

    /** Whether this engine can run in this JVM (OpenSSL needs the native tcnative library). */
    public boolean available() {
        return this == JDK || OpenSsl.isAvailable();
    }

    /** Case-insensitive; accepts {@code openssl}, {@code boringssl}, {@code jdk}. */
    public static TlsEngine parse(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        if (t.equals("BORINGSSL") || t.equals("TCNATIVE")) {
            return OPENSSL;
        }
        try {
            return valueOf(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown TLS engine '" + text + "', expected JDK or OPENSSL");
        }
    }
}
