package io.tlslab.server.warn;

/** The warnings the article asks the server to raise (SPEC §3, issue 4). */
public enum WarningKind {
    /** A served certificate expires within the configured window (or has expired). */
    CERTIFICATE_EXPIRING,
    /** Strict validation is on while the certificate 4287 serves would fail it. */
    STRICT_WITH_FAILING_CERTIFICATE,
    /** Strict validation was switched off after being on: "we recommend that you do not disable it". */
    STRICT_VALIDATION_DISABLED
}
