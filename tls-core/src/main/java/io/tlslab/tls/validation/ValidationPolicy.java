package io.tlslab.tls.validation;

import io.tlslab.protocol.settings.FingerprintList;
import io.tlslab.protocol.validation.ClientMode;
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
 */
public record ValidationPolicy(boolean strictValidation, boolean rejectSha1, FingerprintList allowlist) {

    private static final ValidationPolicy STRICT = new ValidationPolicy(true, true, FingerprintList.empty());
    private static final ValidationPolicy NON_STRICT = new ValidationPolicy(false, true, FingerprintList.empty());

    public ValidationPolicy {
        Objects.requireNonNull(allowlist, "allowlist");
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
        return new ValidationPolicy(strictValidation, rejectSha1, newAllowlist);
    }

    public ValidationPolicy withRejectSha1(boolean reject) {
        return new ValidationPolicy(strictValidation, reject, allowlist);
    }

    public ValidationPolicy withStrict(boolean enforce) {
        return new ValidationPolicy(enforce, rejectSha1, allowlist);
    }
}
