package io.tlslab.fleet.load;

import io.tlslab.tls.TlsEngine;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContextBuilder;
import java.util.Locale;

/**
 * The TLS 1.3 key-exchange group, pinned on both sides of a measurement: BoringSSL would otherwise
 * negotiate hybrid X25519MLKEM768 with itself and plain X25519 with the JDK or nginx, and the
 * comparison would measure the group rather than the server.
 */
public enum KeyExchangeGroup {
    X25519("X25519", "x25519"),
    P256("P-256", "secp256r1"),
    /** Whatever the engines negotiate by default (not comparable across engines). */
    ENGINE_DEFAULT(null, null);

    private final String openSslName;
    private final String jdkName;

    KeyExchangeGroup(String openSslName, String jdkName) {
        this.openSslName = openSslName;
        this.jdkName = jdkName;
    }

    public static KeyExchangeGroup parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        return switch (t) {
            case "X25519" -> X25519;
            case "P256", "SECP256R1", "PRIME256V1" -> P256;
            case "DEFAULT", "ENGINEDEFAULT" -> ENGINE_DEFAULT;
            default -> throw new IllegalArgumentException("unknown key-exchange group '" + text
                    + "', expected X25519, P-256 or default");
        };
    }

    /** The name nginx/OpenSSL configuration uses ({@code ssl_ecdh_curve}). */
    public String openSslName() {
        return openSslName;
    }

    /** Applies the group to a BoringSSL context; the JDK engine is pinned JVM-wide by {@link #pinJdk()}. */
    public SslContextBuilder apply(SslContextBuilder builder, TlsEngine engine) {
        if (openSslName != null && engine == TlsEngine.OPENSSL) {
            builder.option(OpenSslContextOption.GROUPS, new String[]{openSslName});
        }
        return builder;
    }

    /**
     * Pins the JDK engine's groups for this JVM. Java 17 has no per-engine API for this
     * ({@code SSLParameters.setNamedGroups} arrived in Java 20), only the system property, which the
     * JDK reads once: call before the first TLS context is created.
     */
    public void pinJdk() {
        if (jdkName != null) {
            System.setProperty("jdk.tls.namedGroups", jdkName);
        }
    }

    @Override
    public String toString() {
        return openSslName == null ? "engine default" : openSslName;
    }
}
