package io.tlslab.tls.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.chain.BrokenChains;
import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.scenario.Scenario;
import io.tlslab.ca.scenario.ScenarioMinter;
import io.tlslab.ca.testing.TestPki;
import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import java.io.ByteArrayInputStream;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fast signature path (native provider + memo) must be a pure speed-up: for every catalogue scenario
 * it gives the verdict the JDK-only path gives, signature by signature and chain by chain, MD5 / SHA-1
 * signatures (which the native provider may not handle) and tampered ones included.
 */
class SignaturesTest {
    private static final List<MintedScenario> CATALOGUE =
            new ScenarioMinter(Clock.fixed(TestPki.NOW, ZoneOffset.UTC), true).mintAll("localhost");

    private final Signatures fast = Signatures.create();
    private final Signatures jdkOnly = new Signatures(null, 0);

    @Test
    void theNativeProviderLoadsOnLinuxX86() {
        assumeThat(System.getProperty("os.name")).startsWith("Linux");
        assumeThat(System.getProperty("os.arch")).isIn("amd64", "x86_64");
        assertThat(fast.providerName()).isEqualTo("Conscrypt");
        assertThat(jdkOnly.providerName()).isEqualTo("JDK");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Scenario.class)
    void everySignatureOfAScenarioGetsTheJdkVerdict(Scenario scenario) {
        MintedScenario m = minted(scenario);
        Set<X509Certificate> all = new LinkedHashSet<>(m.servedChain());
        all.addAll(m.trustAnchors());
        for (X509Certificate subject : all) {
            for (X509Certificate issuer : all) {
                PublicKey key = issuer.getPublicKey();
                boolean reference = jdkOnly.verifies(subject, key);
                assertThat(fast.verifies(subject, key))
                        .as(
                                "%s: %s signed by %s",
                                scenario, subject.getSubjectX500Principal(), issuer.getSubjectX500Principal())
                        .isEqualTo(reference);
                assertThat(fast.verifies(subject, key))
                        .as("again, from the memo")
                        .isEqualTo(reference);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Scenario.class)
    void everyScenarioGetsTheSameVerdictWithAndWithoutTheNativeProvider(Scenario scenario) {
        MintedScenario m = minted(scenario);
        TrustAnchors anchors = TrustAnchors.of(m.trustAnchors());
        CertificateValidator withNative = new CertificateValidator(anchors, Signatures.create());
        CertificateValidator without = new CertificateValidator(anchors, new Signatures(null, 0));
        for (ClientMode mode : List.of(ClientMode.STRICT, ClientMode.NON_STRICT, ClientMode.ALLOWLISTED)) {
            ValidationPolicy policy = ValidationPolicy.forMode(
                            mode,
                            mode == ClientMode.ALLOWLISTED
                                    ? m.allowlist()
                                    : io.tlslab.protocol.settings.FingerprintList.empty())
                    .withCrls(m.crls());
            Verdict reference = without.validate(m.servedChain(), m.dialHost(), TestPki.NOW, policy);
            for (int round = 0; round < 2; round++) { // the second round is answered by the memo
                Verdict verdict = withNative.validate(reparsed(m.servedChain()), m.dialHost(), TestPki.NOW, policy);
                assertThat(verdict.outcome()).isEqualTo(reference.outcome()).isEqualTo(m.expected(mode));
                assertThat(verdict.strictOutcome()).isEqualTo(reference.strictOutcome());
                assertThat(reasons(verdict)).isEqualTo(reasons(reference));
                assertThat(verdict.path()).isEqualTo(reference.path());
            }
        }
    }

    @Test
    void md5AndSha1SignaturesVerifyThroughTheFallbackAndStayWeak() {
        for (Scenario s :
                List.of(Scenario.MD5_LEAF, Scenario.MD5_INTERMEDIATE, Scenario.SHA1_LEAF, Scenario.SHA1_INTERMEDIATE)) {
            MintedScenario m = minted(s);
            X509Certificate signed = s.name().endsWith("LEAF")
                    ? m.servedChain().get(0)
                    : m.servedChain().get(1);
            X509Certificate issuer = s.name().endsWith("LEAF")
                    ? m.servedChain().get(1)
                    : m.trustAnchors().get(0);
            assertThat(fast.verifies(signed, issuer.getPublicKey()))
                    .as("%s verifies", s)
                    .isTrue();
            assertThat(new CertificateValidator(TrustAnchors.of(m.trustAnchors()))
                            .validate(m.servedChain(), m.dialHost(), TestPki.NOW, ValidationPolicy.strict())
                            .outcome())
                    .isEqualTo(Outcome.rejected(ReasonCode.WEAK_ALGORITHM));
        }
    }

    @Test
    void theMemoIsKeyedByTheIssuerKeyAndTheExactBytes() {
        TestPki pki = TestPki.atFixedTime();
        X509Certificate leaf = pki.leaf.certificate();
        assertThat(fast.verifies(leaf, pki.intermediateKey.getPublic())).isTrue();
        // same certificate, another key: not answered by the memo's "true"
        assertThat(fast.verifies(leaf, pki.rootKey.getPublic())).isFalse();
        // the same certificate with one signature bit changed: other bytes, so verified afresh
        X509Certificate tampered = BrokenChains.tamperSignature(leaf);
        assertThat(fast.verifies(tampered, pki.intermediateKey.getPublic())).isFalse();
        assertThat(fast.verifies(tampered, pki.intermediateKey.getPublic())).isFalse();
        assertThat(fast.verifies(leaf, pki.intermediateKey.getPublic())).isTrue();
    }

    /**
     * Two intermediates that share one key (a renewed CA certificate, a cross-sign): the native key made
     * for the first is the one used for the second, found by the key's bytes, and still refuses a tampered
     * signature; another key gets its own.
     */
    @Test
    void certificatesOfOneIssuerKeyShareOneNativeKeyWhichStillRefusesATamperedSignature() {
        assumeThat(fast.providerName()).isEqualTo("Conscrypt");
        TestPki pki = TestPki.atFixedTime();
        HeldCertificate renewed = TestPki.ca("Test Intermediate")
                .keyPair(pki.intermediateKey)
                .signedBy(pki.root)
                .build();
        HeldCertificate leafOfRenewed = pki.leaf("localhost").signedBy(renewed).build();
        DecodedCertificate first = DecodedCertificate.of(pki.intermediate.certificate());
        DecodedCertificate second = DecodedCertificate.of(renewed.certificate());
        X509Certificate leaf = pki.leaf.certificate();

        assertThat(fast.verifies(leaf, DecodedCertificate.of(leaf), first)).isTrue();
        assertThat(fast.verifies(
                        leafOfRenewed.certificate(), DecodedCertificate.of(leafOfRenewed.certificate()), second))
                .isTrue();
        assertThat(second.nativeKey).isNotNull().isSameAs(first.nativeKey);

        X509Certificate tampered = BrokenChains.tamperSignature(leafOfRenewed.certificate());
        assertThat(fast.verifies(tampered, DecodedCertificate.of(tampered), second))
                .isFalse();

        DecodedCertificate root = DecodedCertificate.of(pki.root.certificate());
        assertThat(fast.verifies(pki.intermediate.certificate(), first, root)).isTrue();
        assertThat(root.nativeKey).isNotSameAs(first.nativeKey);
        assertThat(fast.verifies(leaf, DecodedCertificate.of(leaf), root)).isFalse();
    }

    @Test
    void aRememberedSignatureShortCutsNothingElse() {
        TestPki pki = TestPki.atFixedTime();
        HeldCertificate expired = pki.leaf("localhost")
                .validityInterval(TestPki.NOW.minus(Duration.ofDays(90)), TestPki.NOW.minus(Duration.ofDays(1)))
                .build();
        CertificateValidator validator = TestValidators.trusting(pki);
        List<X509Certificate> good = pki.served(pki.leaf);
        List<X509Certificate> old = pki.served(expired);
        for (int round = 0; round < 3; round++) {
            assertThat(validator
                            .validate(reparsed(good), "localhost", TestPki.NOW, ValidationPolicy.strict())
                            .accepted())
                    .isTrue();
            Verdict v = validator.validate(reparsed(old), "localhost", TestPki.NOW, ValidationPolicy.strict());
            assertThat(v.outcome()).isEqualTo(Outcome.rejected(ReasonCode.EXPIRED));
            assertThat(validator
                            .validate(reparsed(good), "other.example", TestPki.NOW, ValidationPolicy.strict())
                            .outcome())
                    .isEqualTo(Outcome.rejected(ReasonCode.HOSTNAME_MISMATCH));
        }
    }

    @Test
    void aSignatureByAnotherAlgorithmFamilyIsRefusedByBothPaths() {
        MintedScenario rsa = minted(Scenario.VALID_RSA_2048);
        MintedScenario ec = minted(Scenario.VALID_EC_P256);
        X509Certificate rsaLeaf = rsa.servedChain().get(0);
        PublicKey ecKey = ec.servedChain().get(1).getPublicKey();
        assertThat(fast.verifies(rsaLeaf, ecKey)).isFalse();
        assertThat(jdkOnly.verifies(rsaLeaf, ecKey)).isFalse();
    }

    private static MintedScenario minted(Scenario s) {
        return CATALOGUE.stream().filter(m -> m.scenario() == s).findFirst().orElseThrow();
    }

    /** Fresh objects from the same bytes, as a new handshake delivers them. */
    private static List<X509Certificate> reparsed(List<X509Certificate> chain) {
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (X509Certificate c : chain) {
                out.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(c.getEncoded())));
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ReasonCode> reasons(Verdict v) {
        return v.findings().stream().map(Finding::reason).toList();
    }
}
