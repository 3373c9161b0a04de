package io.tlslab.ca;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;
import java.util.Objects;

/**
 * Which key pair to generate: RSA 1024–8192 bits, EC P-256 / P-384, or Ed25519. Keys are made by
 * the JDK's own providers so that they are ordinary JCA keys every TLS engine accepts.
 */
public final class KeySpec {
    public static final KeySpec RSA_2048 = new KeySpec("RSA", 2048);
    public static final KeySpec EC_P256 = new KeySpec("EC", 256);
    public static final KeySpec EC_P384 = new KeySpec("EC", 384);
    public static final KeySpec ED25519 = new KeySpec("Ed25519", 255);

    private final String algorithm;
    private final int size;

    private KeySpec(String algorithm, int size) {
        this.algorithm = algorithm;
        this.size = size;
    }

    /** RSA with {@code bits} bits; 1024 (deliberately weak, for the weak-key scenario) to 8192. */
    public static KeySpec rsa(int bits) {
        if (bits < 1024 || bits > 8192 || bits % 8 != 0) {
            throw new IllegalArgumentException(
                    "RSA key size must be a multiple of 8 between 1024 and 8192, got " + bits);
        }
        return bits == 2048 ? RSA_2048 : new KeySpec("RSA", bits);
    }

    /** Parses {@code rsa2048}, {@code rsa-1024}, {@code p256}, {@code ec-p384}, {@code ed25519}. */
    public static KeySpec parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        if (t.startsWith("rsa") && t.length() > 3 && t.substring(3).chars().allMatch(Character::isDigit)) {
            return rsa(Integer.parseInt(t.substring(3)));
        }
        switch (t) {
            case "p256":
            case "ecp256":
            case "ec256":
                return EC_P256;
            case "p384":
            case "ecp384":
            case "ec384":
                return EC_P384;
            case "ed25519":
                return ED25519;
            default:
                throw new IllegalArgumentException(
                        "unknown key type '" + text + "', expected rsa<bits>, p256, p384 or ed25519");
        }
    }

    /** JCA key algorithm name: {@code RSA}, {@code EC} or {@code Ed25519}. */
    public String algorithm() {
        return algorithm;
    }

    /** Key size in bits (modulus for RSA, field size for EC). */
    public int size() {
        return size;
    }

    public KeyPair generate() {
        try {
            switch (algorithm) {
                case "RSA": {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(size);
                    return g.generateKeyPair();
                }
                case "EC": {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec(size == 384 ? "secp384r1" : "secp256r1"));
                    return g.generateKeyPair();
                }
                default:
                    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate " + this + " keys", e);
        }
    }

    /** {@code RSA-2048}, {@code EC P-256}, {@code Ed25519}. */
    @Override
    public String toString() {
        switch (algorithm) {
            case "RSA":
                return "RSA-" + size;
            case "EC":
                return "EC P-" + size;
            default:
                return "Ed25519";
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeySpec k && k.algorithm.equals(algorithm) && k.size == size;
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithm, size);
    }
}
