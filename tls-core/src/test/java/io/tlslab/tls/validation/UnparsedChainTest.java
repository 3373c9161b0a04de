package io.tlslab.tls.validation;

import static io.tlslab.ca.testing.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.testing.TestPki;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A chain handed over as bytes (what the OpenSSL engine gives a trust manager) is judged from those bytes:
 * the JDK never parses a certificate of it, and every verdict is the one the parsed chain gets. With the
 * native signature provider only: the JDK's provider verifies through the JDK's own certificate object.
 */
class UnparsedChainTest {
    private static final TestPki EC = TestPki.atFixedTime();
    private static final ValidationPolicy STRICT = ValidationPolicy.strict();

    private static final HeldCertificate RSA_ROOT =
            TestPki.ca("RSA Root").rsa2048().build();
    private static final HeldCertificate RSA_INTERMEDIATE =
            TestPki.ca("RSA Intermediate").rsa2048().signedBy(RSA_ROOT).build();
    private static final HeldCertificate RSA_LEAF = HeldCertificate.builder()
            .clock(TestPki.CLOCK)
            .commonName("localhost")
            .subjectAlternativeNames("localhost")
            .rsa2048()
            .signedBy(RSA_INTERMEDIATE)
            .duration(Duration.ofDays(90))
            .build();

    @ParameterizedTest(name = "memo of results {0}")
    @ValueSource(ints = {0, Signatures.DEFAULT_MEMO_ENTRIES})
    void anEcChainIsAcceptedRejectedAndExplainedWithoutBeingParsed(int memo) {
        assumeTrue(NativeProvider.get() != null, "the native signature provider does not load here");
        java.util.function.Supplier<CertificateValidator> validator = () -> validator(memo, EC.root.certificate());
        List<X509Certificate> served = EC.served(EC.leaf);
        sameVerdictUnparsed(validator, served, "localhost", NOW, Outcome.accepted());
        sameVerdictUnparsed(validator, served, "other.example", NOW, Outcome.rejected(ReasonCode.HOSTNAME_MISMATCH));
        sameVerdictUnparsed(
                validator, served, "localhost", NOW.plus(Duration.ofDays(400)), Outcome.rejected(ReasonCode.EXPIRED));
        HeldCertificate foreign = TestPki.ca("Foreign Intermediate").build();
        HeldCertificate stray = EC.leaf("localhost").signedBy(foreign).build();
        sameVerdictUnparsed(
                validator,
                List.of(stray.certificate(), foreign.certificate()),
                "localhost",
                NOW,
                Outcome.rejected(ReasonCode.UNTRUSTED_ROOT));
    }

    @ParameterizedTest(name = "memo of results {0}")
    @ValueSource(ints = {0, Signatures.DEFAULT_MEMO_ENTRIES})
    void anRsaChainIsAcceptedAndRejectedWithoutBeingParsed(int memo) {
        assumeTrue(NativeProvider.get() != null, "the native signature provider does not load here");
        java.util.function.Supplier<CertificateValidator> validator = () -> validator(memo, RSA_ROOT.certificate());
        List<X509Certificate> served = List.of(RSA_LEAF.certificate(), RSA_INTERMEDIATE.certificate());
        sameVerdictUnparsed(validator, served, "localhost", NOW, Outcome.accepted());
        sameVerdictUnparsed(
                validator, served, "localhost", NOW.plus(Duration.ofDays(400)), Outcome.rejected(ReasonCode.EXPIRED));
    }

    private static CertificateValidator validator(int memo, X509Certificate root) {
        return new CertificateValidator(TrustAnchors.of(root), new Signatures(NativeProvider.get(), memo));
    }

    /**
     * The bytes-only chain gets the parsed chain's verdict (outcome and findings), from a new validator (no
     * facts remembered from a parsed copy) and again from the same one (facts and results remembered).
     */
    private static void sameVerdictUnparsed(
            java.util.function.Supplier<CertificateValidator> validators,
            List<X509Certificate> parsed,
            String host,
            java.time.Instant at,
            Outcome expected) {
        Verdict reference = validators.get().validate(parsed, host, at, STRICT);
        assertThat(reference.outcome()).isEqualTo(expected);
        CertificateValidator validator = validators.get();
        for (int round = 0; round < 2; round++) {
            Verdict unparsed = validator.validate(BytesOnlyCertificate.chain(parsed), host, at, STRICT);
            assertThat(unparsed.outcome()).isEqualTo(expected);
            assertThat(unparsed.findings()).isEqualTo(reference.findings());
        }
    }
}
