package io.tlslab.server.cert;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.Locale;

/** The TLS implementation behind a listener: the JDK's SSLEngine or BoringSSL via netty-tcnative. */
public enum TlsEngine {
    JDK(SslProvider.JDK), OPENSSL(SslProvider.OPENSSL);

    private final SslProvider provider;

    TlsEngine(SslProvider provider) {
        this.provider = provider;
    }

    public SslProvider provider() {
        return provider;
    }

    /** OpenSSL when netty-tcnative loads on this machine (2-4x faster handshakes), else the JDK. */
    public static TlsEngine preferred() {
        return OpenSsl.isAvailable() ? OPENSSL : JDK;
    }

    /** Parses {@code jdk}, {@code openssl} or {@code auto}. */
    public static TlsEngine parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "jdk":
                return JDK;
            case "openssl":
            case "boringssl":
                if (!OpenSsl.isAvailable()) {
                    throw new IllegalArgumentException("the OpenSSL engine is not available here ("
                            + OpenSsl.unavailabilityCause().getMessage() + "); use jdk");
                }
                return OPENSSL;
            case "auto":
                return preferred();
            default:
                throw new IllegalArgumentException("unknown TLS engine '" + text + "': expected jdk, openssl or auto");
        }
    }
}
