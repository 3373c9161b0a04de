package io.tlslab.protocol.validation;

/**
 * The kinds of endpoint the conformance matrix distinguishes (SPEC §5, §7). Each certificate
 * scenario states what each of these must conclude.
 */
public enum ClientMode {
    /** Version 6.0+ endpoint that received {@code strictValidation=true}: every check applies. */
    STRICT("strict", "6.0+ endpoint with strict validation on"),
    /** Version 6.0+ endpoint with strict validation off (the default): encrypt-only, audits. */
    NON_STRICT("non-strict", "6.0+ endpoint with strict validation off (audit only)"),
    /** Strict endpoint whose allowlist holds the served leaf's SHA-1 fingerprint. */
    ALLOWLISTED("allowlisted", "strict endpoint with the served leaf's SHA-1 fingerprint allowlisted"),
    /** Endpoint older than 6.0: never validates strictly, whatever the server says. */
    LEGACY_5X("5.x", "5.x endpoint, strict validation ignored");

    private final String label;
    private final String description;

    ClientMode(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** Short column heading for tables and reports. */
    public String label() {
        return label;
    }

    public String description() {
        return description;
    }
}
