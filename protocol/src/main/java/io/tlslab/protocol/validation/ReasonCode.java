package io.tlslab.protocol.validation;

/**
 * Why a strict endpoint refuses a server certificate (SPEC §5). A closed set: the validator, the
 * endpoint logs, the server's device view, the fleet reports and the tests all speak these codes.
 *
 * <p>Declaration order is precedence: when several checks fail, the verdict's primary reason is the
 * failing code declared first. Trust problems come first because nothing else about an untrusted
 * chain is meaningful; hostname comes last because it is about the use, not the certificate.
 *
 * <p>Where the second-wave codes sit, and why:
 * <ul>
 * <li>{@link #TOO_COMPLEX} first: the validator stopped before it finished, so every other finding it
 *     has is partial and none of them can be the honest reason.</li>
 * <li>{@link #REVOKED} right after the trust codes: it is only ever decided on a path that reaches a
 *     trust anchor (a CRL is trusted through its issuer), and it outranks every property of the
 *     certificate because the issuer itself has withdrawn it.</li>
 * <li>{@link #UNHANDLED_CRITICAL_EXTENSION} right after the validity dates and before the algorithm and
 *     constraint checks: RFC 5280 4.2 says such a certificate MUST be rejected because its issuer may
 *     have put a constraint in it that the later checks cannot see.</li>
 * <li>{@link #PROFILE_VIOLATION} after the constraint checks and before the hostname: a certificate
 *     that breaks an encoding or profile rule (serial number, key identifiers, criticality, BR rules)
 *     but passed every check about what it may be used for.</li>
 * </ul>
 */
public enum ReasonCode {
    TOO_COMPLEX(
            "validating the certificate path needed more work than the per-validation budget allows (paths, signatures or name-constraint comparisons)"),
    BAD_SIGNATURE("a signature in the certificate path does not verify (tampered or wrong issuer key)"),
    INCOMPLETE_CHAIN("an intermediate certificate needed to reach a trusted root was not sent by the server"),
    SELF_SIGNED("the server presented a self-signed certificate that is not a trusted root"),
    UNTRUSTED_ROOT("the certificate path does not lead to a trusted root"),
    REVOKED("a certificate in the path is listed as revoked by a CRL its issuer signed"),
    EXPIRED("a certificate in the path (trust anchor included) is past its Valid-To date"),
    NOT_YET_VALID("a certificate in the path is not valid until a future Valid-From date"),
    UNHANDLED_CRITICAL_EXTENSION(
            "a certificate in the path carries a critical extension the validator does not process (RFC 5280 4.2)"),
    WEAK_ALGORITHM("a certificate below the trust anchor is signed with a deprecated algorithm (MD5, MD2 or SHA-1)"),
    WEAK_KEY(
            "a certificate in the path has a key that is too small (RSA under 2048 bits, EC under 256 bits; under webpki also any DSA key)"),
    NOT_CA("a certificate that signed another one is not a certificate authority"),
    PATH_TOO_LONG(
            "the certificate path is longer than an issuer's path-length constraint or the endpoint's maximum number of intermediates allows"),
    BAD_KEY_USAGE("a certificate's key usage or extended key usage does not allow this use"),
    NAME_CONSTRAINTS("a certificate's names violate a name constraint of an issuer"),
    PROFILE_VIOLATION(
            "a certificate breaks an RFC 5280 profile rule (serial number, key identifiers, extension criticality or encoding) or, under the webpki profile, a CA/Browser Forum Baseline Requirements rule"),
    HOSTNAME_MISMATCH(
            "the host the endpoint dialled matches neither a subject alternative name nor, without DNS SANs, the common name");

    private final String description;

    ReasonCode(String description) {
        this.description = description;
    }

    /** One human sentence, suitable for a log line or a report cell's tooltip. */
    public String description() {
        return description;
    }

    /** Parses a code as written in logs, JSON and manifests (case-insensitive). */
    public static ReasonCode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown reason code '" + text + "', expected one of " + java.util.Arrays.toString(values()));
        }
    }
}
