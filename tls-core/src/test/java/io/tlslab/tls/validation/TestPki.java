package io.tlslab.tls.validation;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.KeySpec;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A small EC PKI for edge-case tests: root <- intermediate <- leaf, all built at {@link #NOW} with
 * cert-authority's {@link HeldCertificate}. Keys are generated once per class (EC P-256, cheap).
 */
final class TestPki {
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** One EC key pair for every test leaf that does not care about its own key. */
    static final KeyPair LEAF_KEYS = KeySpec.EC_P256.generate();

    final KeyPair rootKey = KeySpec.EC_P256.generate();
    final KeyPair intermediateKey = KeySpec.EC_P256.generate();
    final KeyPair leafKey = KeySpec.EC_P256.generate();

    final HeldCertificate root = ca("Test Root").keyPair(rootKey).build();
    final HeldCertificate intermediate =
            ca("Test Intermediate").keyPair(intermediateKey).signedBy(root).build();
    final HeldCertificate leaf = leaf("localhost").build();

    static HeldCertificate.Builder ca(String cn) {
        return HeldCertificate.builder()
                .clock(CLOCK)
                .commonName(cn)
                .certificateAuthority()
                .duration(Duration.ofDays(3650));
    }

    /** A leaf for {@code host} (CN and DNS/IP SAN) issued by {@link #intermediate}. */
    HeldCertificate.Builder leaf(String host) {
        return HeldCertificate.builder()
                .clock(CLOCK)
                .commonName(host)
                .subjectAlternativeNames(host)
                .keyPair(leafKey)
                .signedBy(intermediate)
                .duration(Duration.ofDays(90));
    }

    /** Served chain leaf + intermediate for the given leaf. */
    List<X509Certificate> served(HeldCertificate leafCert) {
        return List.of(leafCert.certificate(), intermediate.certificate());
    }

    CertificateValidator validator() {
        return new CertificateValidator(TrustAnchors.of(root.certificate()));
    }
}
