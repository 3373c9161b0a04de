package io.tlslab.tls.validation;

import java.util.Locale;

/**
 * Which rule book the strict checks follow (SPEC §5, "Profiles"). Both apply RFC 5280 in full; they
 * differ in how a server's name is found and in the CA/Browser Forum rules on top.
 */
public enum ValidationProfile {
    /**
     * The vendor's behaviour as the article describes it (default): the subject CN names the host when
     * the leaf has no DNS SAN; every other check is RFC 5280.
     */
    ARTICLE,
    /**
     * What a browser applies to a publicly trusted server: only DNS/IP SANs name the host, a CN must
     * repeat one SAN, the leaf's EKU must name serverAuth, a root carries no EKU, no wildcard over a
     * public suffix, no DSA, RSA moduli a multiple of 8 bits, and the Baseline Requirements' rules on
     * key identifiers, SAN criticality, the AIA extension and the leaf's basic constraints.
     */
    WEBPKI;

    /** Parses {@code article} or {@code webpki} (case-insensitive), as written on a command line or in config. */
    public static ValidationProfile parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown validation profile '" + text + "', expected article or webpki");
        }
    }

    /** The name as written on a command line or in config: {@code article}, {@code webpki}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
