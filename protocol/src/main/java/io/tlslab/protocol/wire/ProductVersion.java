package io.tlslab.protocol.wire;

/**
 * An endpoint or server version such as {@code 5.4} or {@code 6.0.2}. Only the major and minor
 * parts matter to the protocol: strict validation starts at 6.0.
 */
public record ProductVersion(int major, int minor) implements Comparable<ProductVersion> {

    /** The first version that validates the server strictly when told to. */
    public static final ProductVersion STRICT_VALIDATION_MINIMUM = new ProductVersion(6, 0);

    public ProductVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("version parts must not be negative: " + major + "." + minor);
        }
    }

    /**
     * Parses {@code MAJOR.MINOR[.PATCH...]}.
     *
     * @throws IllegalArgumentException with the expected form
     */
    public static ProductVersion parse(String text) {
        String[] parts = text.trim().split("\\.");
        try {
            if (parts.length < 1 || parts[0].isEmpty()) {
                throw new NumberFormatException();
            }
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return new ProductVersion(major, minor);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a version: expected MAJOR.MINOR, e.g. 6.0 or 5.4");
        }
    }

    /** Whether an endpoint of this version honours {@code strictValidation=true}. */
    public boolean supportsStrictValidation() {
        return compareTo(STRICT_VALIDATION_MINIMUM) >= 0;
    }

    @Override
    public int compareTo(ProductVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
