package io.tlslab.protocol.validation;

/**
 * Why a strict endpoint refuses a server certificate (SPEC §5). A closed set: the validator, the
 * endpoint logs, the server's device view, the fleet reports and the tests all speak these codes.
 *
 * <p>Declaration order is precedence: when several checks fail, the verdict's primary reason is the
 * failing code declared first. Trust problems come first because nothing else about an untrusted
 * chain is meaningful; hostname comes last because it is about the use, not the certificate.
 */
public enum ReasonCode {
    BAD_SIGNATURE("a signature in the certificate path does not verify (tampered or wrong issuer key)"),
    INCOMPLETE_CHAIN("an intermediate certificate needed to reach a trusted root was not sent by the server"),
    SELF_SIGNED("the server presented a self-signed certificate that is not a trusted root"),
    UNTRUSTED_ROOT("the certificate path does not lead to a trusted root"),
    EXPIRED("a certificate in the path (trust anchor included) is past its Valid-To date"),
    NOT_YET_VALID("a certificate in the path is not valid until a future Valid-From date"),
    WEAK_ALGORITHM("a certificate below the trust anchor is signed with a deprecated algorithm (MD5, MD2 or SHA-1)"),
    WEAK_KEY("a certificate in the path has a key that is too small (RSA under 2048 bits, EC under 256 bits)"),
    NOT_CA("a certificate that signed another one is not a certificate authority"),
    PATH_TOO_LONG("the certificate path is longer than an issuer's path-length constraint allows"),
    BAD_KEY_USAGE("a certificate's key usage or extended key usage does not allow this use"),
    NAME_CONSTRAINTS("a certificate's names violate a name constraint of an issuer"),
    HOSTNAME_MISMATCH("the host the endpoint dialled matches neither a subject alternative name nor, without DNS SANs, the common name");

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
            throw new IllegalArgumentException("unknown reason code '" + text + "', expected one of "
                    + java.util.Arrays.toString(values()));
        }
    }
}
