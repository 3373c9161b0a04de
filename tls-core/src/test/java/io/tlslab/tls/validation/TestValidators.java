package io.tlslab.tls.validation;

import io.tlslab.ca.testing.TestPki;

/** Validators for the shared {@link TestPki} (the fixture sits below tls-core, so it cannot make one). */
final class TestValidators {
    private TestValidators() {}

    /** A validator trusting {@code pki}'s root only. */
    static CertificateValidator trusting(TestPki pki) {
        return new CertificateValidator(TrustAnchors.of(pki.root.certificate()));
    }
}
