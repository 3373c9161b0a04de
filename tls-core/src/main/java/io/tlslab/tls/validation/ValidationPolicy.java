package io.tlslab.tls.validation;

import io.tlslab.protocol.settings.FingerprintList;
import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.protocol.validation.ValidationProfile;
import java.security.cert.X509CRL;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * How an endpoint treats the strict checks of SPEC §5.
 *
 * <p>The enforcement flag is named {@code strictValidation} (the setting it mirrors) rather than
 * {@code strict}: a record accessor {@code strict()} would clash with the {@link #strict()} factory.
 *
 * @param strictValidation enforce the checks (reject on failure); when false the checks still run and are
 *                   reported (audit), but every certificate is accepted
 * @param rejectSha1 treat a SHA-1 signature below the trust anchor as {@code WEAK_ALGORITHM}
 * @param allowlist  leaf fingerprints (SHA-1 or SHA-256) trusted whatever the checks say; intermediates
 *                   or roots in the served chain whose fingerprint is listed act as trust anchors
 * @param profile    the rule book: {@link ValidationProfile#ARTICLE} (default) or {@link ValidationProfile#WEBPKI}
 * @param maxIntermediates the most intermediates a path may have between the leaf and its trust anchor;
 *                   a longer path is {@code PATH_TOO_LONG}
 * @param crls       operator-supplied CRLs; revocation is checked only when this is not empty
 */
public record ValidationPolicy(
        boolean strictValidation,
        boolean rejectSha1,
        FingerprintList allowlist,
        ValidationProfile profile,
        int maxIntermediates,
        List<X509CRL> crls) {

    /** The limit path building always had: leaf + 10 intermediates + anchor. */
    public static final int DEFAULT_MAX_INTERMEDIATES = 10;

    private static final ValidationPolicy STRICT = new ValidationPolicy(true, true, FingerprintList.empty());
    private static final ValidationPolicy NON_STRICT = new ValidationPolicy(false, true, FingerprintList.empty());

    public ValidationPolicy {
        Objects.requireNonNull(allowlist, "allowlist");
        Objects.requireNonNull(profile, "profile");
        if (maxIntermediates < 0) {
            throw new IllegalArgumentException(
                    "the maximum number of intermediates must be 0 or more, got " + maxIntermediates);
        }
        crls = List.copyOf(crls);
    }

    /** The article profile, the default depth limit, no revocation. */
    public ValidationPolicy(boolean strictValidation, boolean rejectSha1, FingerprintList allowlist) {
        this(strictValidation, rejectSha1, allowlist, ValidationProfile.ARTICLE, DEFAULT_MAX_INTERMEDIATES, List.of());
    }

    /** Every check enforced, SHA-1 rejected, empty allowlist. */
    public static ValidationPolicy strict() {
        return STRICT;
    }

    /** Encrypt-only (the default of a fresh endpoint): accept anything, audit what strict would reject. */
    public static ValidationPolicy nonStrict() {
        return NON_STRICT;
    }

    /**
     * The policy an endpoint of the given kind runs with. {@code ALLOWLISTED} needs the allowlist;
     * for the other modes it is carried along (a non-strict endpoint keeps its received allowlist).
     */
    public static ValidationPolicy forMode(ClientMode mode, FingerprintList allowlist) {
        return switch (mode) {
            case STRICT, ALLOWLISTED -> STRICT.withAllowlist(allowlist);
            case NON_STRICT, LEGACY_5X -> NON_STRICT.withAllowlist(allowlist);
        };
    }

    public ValidationPolicy withAllowlist(FingerprintList newAllowlist) {
        return new ValidationPolicy(strictValidation, rejectSha1, newAllowlist, profile, maxIntermediates, crls);
    }

    public ValidationPolicy withRejectSha1(boolean reject) {
        return new ValidationPolicy(strictValidation, reject, allowlist, profile, maxIntermediates, crls);
    }

    public ValidationPolicy withStrict(boolean enforce) {
        return new ValidationPolicy(enforce, rejectSha1, allowlist, profile, maxIntermediates, crls);
    }

    public ValidationPolicy withProfile(ValidationProfile newProfile) {
        return new ValidationPolicy(strictValidation, rejectSha1, allowlist, newProfile, maxIntermediates, crls);
    }

    /** @throws IllegalArgumentException when {@code max} is negative */
    public ValidationPolicy withMaxIntermediates(int max) {
        return new ValidationPolicy(strictValidation, rejectSha1, allowlist, profile, max, crls);
    }

    /** Checks revocation against these CRLs (replacing any given before); an empty collection turns it off. */
    public ValidationPolicy withCrls(Collection<X509CRL> newCrls) {
        return new ValidationPolicy(
                strictValidation, rejectSha1, allowlist, profile, maxIntermediates, List.copyOf(newCrls));
    }
}
