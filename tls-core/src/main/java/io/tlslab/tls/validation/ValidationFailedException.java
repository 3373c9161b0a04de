package io.tlslab.tls.validation;

import java.security.cert.CertificateException;
import java.util.Objects;

/**
 * Thrown by {@link ValidatingTrustManager} when tlslab rejects the server's certificate. The TLS engine
 * turns it into a handshake failure; the cause chain keeps the {@link Verdict} so the endpoint can log
 * the reason code tlslab decided rather than parse a JDK message.
 */
public final class ValidationFailedException extends CertificateException {
    private static final long serialVersionUID = 1L;

    private final transient Verdict verdict;

    public ValidationFailedException(Verdict verdict) {
        super("tlslab rejected the server certificate: " + verdict.outcome()
                + (verdict.findings().isEmpty()
                        ? ""
                        : " (" + verdict.findings().get(0).detail() + ")"));
        this.verdict = Objects.requireNonNull(verdict, "verdict");
    }

    public Verdict verdict() {
        return verdict;
    }
}
