package io.tlslab.protocol.validation;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which rule set a strict validation applies (SPEC §5, "Profiles"). Lives in protocol, next to
 * {@link ClientMode}, because the scenario manifests (cert-authority), the validator (tls-core), the
 * endpoint's configuration and the fleet's conformance matrix all speak it.
 */
public enum ValidationProfile {
    /** The vendor article's behaviour (default): the CN counts when the leaf has no DNS SAN. */
    ARTICLE("article", "the vendor article's checks; the CN counts when the leaf has no DNS SAN"),
    /** Adds the CA/Browser Forum rules a browser applies: SANs only, leaf EKU serverAuth, no public-suffix wildcard... */
    WEBPKI("webpki", "the article's checks plus the CA/Browser Forum rules a browser applies (SANs only)");

    private final String label;
    private final String description;

    ValidationProfile(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** Lower-case name used on command lines, in configuration, manifests and table headings. */
    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /**
     * Parses {@code article}, {@code WEBPKI}, ... (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ValidationProfile parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (ValidationProfile p : values()) {
            if (p.label.equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown validation profile '" + text + "', expected one of "
                + Arrays.stream(values()).map(ValidationProfile::label).toList());
    }
}
