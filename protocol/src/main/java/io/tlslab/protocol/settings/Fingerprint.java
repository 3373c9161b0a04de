package io.tlslab.protocol.settings;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A certificate fingerprint: SHA-1 (20 bytes) or SHA-256 (32 bytes) of the DER encoding. Written
 * as colon-separated upper hex, the form {@code keytool} and {@code openssl} print; parsed leniently
 * (colons, spaces and case ignored) because admins paste from either tool.
 */
public record Fingerprint(Algorithm algorithm, byte[] bytes) {

    public enum Algorithm {
        SHA1("SHA-1", 20),
        SHA256("SHA-256", 32);

        private final String jcaName;
        private final int length;

        Algorithm(String jcaName, int length) {
            this.jcaName = jcaName;
            this.length = length;
        }

        public String jcaName() {
            return jcaName;
        }

        public int length() {
            return length;
        }
    }

    public Fingerprint {
        if (bytes.length != algorithm.length) {
            throw new IllegalArgumentException(
                    algorithm.jcaName + " fingerprint must be " + algorithm.length + " bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /** Fingerprint of a DER-encoded certificate. */
    public static Fingerprint of(Algorithm algorithm, byte[] der) {
        try {
            return new Fingerprint(
                    algorithm, MessageDigest.getInstance(algorithm.jcaName).digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + algorithm.jcaName, e);
        }
    }

    public static Fingerprint sha1(byte[] der) {
        return of(Algorithm.SHA1, der);
    }

    public static Fingerprint sha256(byte[] der) {
        return of(Algorithm.SHA256, der);
    }

    /**
     * Parses 40 (SHA-1) or 64 (SHA-256) hex digits; colons, spaces and case are ignored.
     *
     * @throws IllegalArgumentException naming the offending text and what was expected
     */
    public static Fingerprint parse(String text) {
        String hex = text.replace(":", "").replace(" ", "").trim().toUpperCase(Locale.ROOT);
        Algorithm algorithm = switch (hex.length()) {
            case 40 -> Algorithm.SHA1;
            case 64 -> Algorithm.SHA256;
            default ->
                throw new IllegalArgumentException("'" + text + "' is not a fingerprint: expected 40 hex digits"
                        + " (SHA-1) or 64 (SHA-256), got " + hex.length() + " characters");
        };
        if (!hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a fingerprint: only hex digits and colons allowed");
        }
        return new Fingerprint(algorithm, HexFormat.of().parseHex(hex));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Colon-separated upper hex, e.g. {@code 3A:7F:...}. */
    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && f.algorithm == algorithm && MessageDigest.isEqual(f.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(bytes);
    }
}
