package io.tlslab.tls;

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
            default ->
                throw new IllegalArgumentException(
                        "unknown key-exchange group '" + text + "', expected X25519, P-256 or default");
        };
    }

    /** The name nginx/OpenSSL configuration uses ({@code ssl_ecdh_curve}). */
    public String openSslName() {
        return openSslName;
    }

    /** The group as {@link TlsOptions#groups()} lists it: empty for the engine default. */
    public java.util.List<String> optionGroups() {
        return openSslName == null ? java.util.List.of() : java.util.List.of(openSslName);
    }

    /** The JDK's name of a group given as {@link TlsOptions#groups()} lists it ({@code P-256} is {@code secp256r1}). */
    static String jdkName(String optionGroup) {
        for (KeyExchangeGroup g : values()) {
            if (g.openSslName != null && g.openSslName.equalsIgnoreCase(optionGroup)) {
                return g.jdkName;
            }
        }
        return optionGroup.toLowerCase(Locale.ROOT);
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
