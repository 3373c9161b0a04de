package io.tlslab.tls.validation;

import static io.tlslab.ca.testing.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.KeyPurpose;
import io.tlslab.ca.KeySpec;
import io.tlslab.ca.KeyUsageFlag;
import io.tlslab.ca.SignatureAlgorithm;
import io.tlslab.ca.testing.TestPki;
import io.tlslab.protocol.settings.FingerprintList;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import io.tlslab.protocol.validation.ValidationProfile;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Edge cases of path building, each check and the allowlist, on certificates built for the case. */
class CertificateValidatorTest {
    private static final TestPki PKI = TestPki.atFixedTime();
    private static final ValidationPolicy STRICT = ValidationPolicy.strict();

    private static Verdict strict(List<X509Certificate> served, String host) {
        return TestValidators.trusting(PKI).validate(served, host, NOW, STRICT);
    }

    private static Outcome rejected(ReasonCode reason) {
        return Outcome.rejected(reason);
    }

    @Nested
    class PathBuilding {
        @Test
        void buildsLeafIntermediateRoot() {
            Verdict v = strict(PKI.served(PKI.leaf), "localhost");
            assertThat(v.outcome()).isEqualTo(Outcome.accepted());
            assertThat(v.anchored()).isTrue();
            assertThat(v.path())
                    .containsExactly(PKI.leaf.certificate(), PKI.intermediate.certificate(), PKI.root.certificate());
        }

        @Test
        void reorderedChainIsAccepted() {
            HeldCertificate int2 =
                    TestPki.ca("Second Intermediate").signedBy(PKI.intermediate).build();
            HeldCertificate leaf = PKI.leaf("localhost").signedBy(int2).build();
            List<X509Certificate> shuffled = List.of(
                    leaf.certificate(), PKI.root.certificate(), PKI.intermediate.certificate(), int2.certificate());
            Verdict v = strict(shuffled, "localhost");
            assertThat(v.outcome()).isEqualTo(Outcome.accepted());
            assertThat(v.path())
                    .containsExactly(
                            leaf.certificate(),
                            int2.certificate(),
                            PKI.intermediate.certificate(),
                            PKI.root.certificate());
        }

        @Test
        void extraUnrelatedCertificatesAreIgnored() {
            HeldCertificate stranger = TestPki.ca("Unrelated CA").build();
            HeldCertificate otherLeaf = PKI.leaf("other.example").build();
            Verdict v = strict(
                    List.of(
                            PKI.leaf.certificate(),
                            stranger.certificate(),
                            otherLeaf.certificate(),
                            PKI.intermediate.certificate()),
                    "localhost");
            assertThat(v.outcome()).isEqualTo(Outcome.accepted());
            assertThat(v.path()).hasSize(3);
        }

        @Test
        void missingIntermediateIsIncompleteUnlessConfigured() {
            List<X509Certificate> leafOnly = List.of(PKI.leaf.certificate());
            assertThat(strict(leafOnly, "localhost").outcome()).isEqualTo(rejected(ReasonCode.INCOMPLETE_CHAIN));

            CertificateValidator configured = new CertificateValidator(
                    TrustAnchors.of(PKI.root.certificate()).withIntermediates(List.of(PKI.intermediate.certificate())));
            Verdict v = configured.validate(leafOnly, "localhost", NOW, STRICT);
            assertThat(v.outcome()).isEqualTo(Outcome.accepted());
            assertThat(v.path())
                    .containsExactly(PKI.leaf.certificate(), PKI.intermediate.certificate(), PKI.root.certificate());
        }

        @Test
        void configuredIntermediateIsNotATrustAnchor() {
            CertificateValidator onlyIntermediate = new CertificateValidator(
                    TrustAnchors.of(List.of()).withIntermediates(List.of(PKI.intermediate.certificate())));
            assertThat(onlyIntermediate
                            .validate(List.of(PKI.leaf.certificate()), "localhost", NOW, STRICT)
                            .outcome())
                    .isEqualTo(rejected(ReasonCode.INCOMPLETE_CHAIN));
        }

        @Test
        void servedUntrustedRootIsUntrustedRootButMissingOneIsIncomplete() {
            HeldCertificate otherRoot = TestPki.ca("Other Root").build();
            HeldCertificate otherInt =
                    TestPki.ca("Other Intermediate").signedBy(otherRoot).build();
            HeldCertificate leaf = PKI.leaf("localhost").signedBy(otherInt).build();
            assertThat(strict(List.of(leaf.certificate(), otherInt.certificate(), otherRoot.certificate()), "localhost")
                            .outcome())
                    .isEqualTo(rejected(ReasonCode.UNTRUSTED_ROOT));
            assertThat(strict(List.of(leaf.certificate(), otherInt.certificate()), "localhost")
                            .outcome())
                    .isEqualTo(rejected(ReasonCode.INCOMPLETE_CHAIN));
        }

        @Test
        void impostorRootWithTheTrustedRootsNameIsUntrustedNotBadSignature() {
            HeldCertificate impostor = TestPki.ca("Test Root").build();
            HeldCertificate impostorInt =
                    TestPki.ca("Test Intermediate").signedBy(impostor).build();
            HeldCertificate leaf = PKI.leaf("localhost").signedBy(impostorInt).build();
            Verdict v =
                    strict(List.of(leaf.certificate(), impostorInt.certificate(), impostor.certificate()), "localhost");
            assertThat(v.outcome()).isEqualTo(rejected(ReasonCode.UNTRUSTED_ROOT));
            assertThat(v.failedChecks()).doesNotContain(ReasonCode.BAD_SIGNATURE);
        }

        @Test
        void selfSignedLeafTrustedDirectlyIsAccepted() {
            HeldCertificate selfSigned = HeldCertificate.builder()
                    .clock(TestPki.CLOCK)
                    .commonName("localhost")
                    .subjectAlternativeNames("localhost")
                    .build();
            List<X509Certificate> served = List.of(selfSigned.certificate());
            assertThat(TestValidators.trusting(PKI)
                            .validate(served, "localhost", NOW, STRICT)
                            .outcome())
                    .isEqualTo(rejected(ReasonCode.SELF_SIGNED));
            assertThat(new CertificateValidator(TrustAnchors.of(selfSigned.certificate()))
                            .validate(served, "localhost", NOW, STRICT)
                            .outcome())
                    .isEqualTo(Outcome.accepted());
        }

        @Test
        void emptyChainIsAProgrammingError() {
            assertThatThrownBy(() -> strict(List.of(), "localhost")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /**
     * One validator keeps a leaf's decoded form, and with it the last hostname verdict: asking for another
     * host, then for the first again, must give each host its own verdict.
     */
    @Test
    void theSameLeafJudgedForAnotherHostGetsThatHostsVerdict() {
        CertificateValidator validator = TestValidators.trusting(PKI);
        List<X509Certificate> served = PKI.served(PKI.leaf);

        assertThat(validator.validate(served, "localhost", NOW, STRICT).outcome())
                .isEqualTo(Outcome.accepted());
        assertThat(validator.validate(served, "other.example", NOW, STRICT).outcome())
                .isEqualTo(rejected(ReasonCode.HOSTNAME_MISMATCH));
        assertThat(validator.validate(served, "LOCALHOST.", NOW, STRICT).outcome())
                .isEqualTo(Outcome.accepted());
        assertThat(validator
                        .validate(served, "localhost", NOW, STRICT.withProfile(ValidationProfile.WEBPKI))
                        .failedChecks())
                .as("webpki: the test leaf has no serverAuth EKU, its name still matches")
                .doesNotContain(ReasonCode.HOSTNAME_MISMATCH);
        assertThat(validator.validate(served, "other.example", NOW, STRICT).outcome())
                .isEqualTo(rejected(ReasonCode.HOSTNAME_MISMATCH));
    }

    @Nested
    class Validity {
        @Test
        void expiredTrustAnchorIsExpired() {
            HeldCertificate oldRoot = TestPki.ca("Old Root")
                    .validityInterval(NOW.minus(Duration.ofDays(3650)), NOW.minus(Duration.ofDays(1)))
                    .build();
            HeldCertificate intermediate =
                    TestPki.ca("Int under old root").signedBy(oldRoot).build();
            HeldCertificate leaf = PKI.leaf("localhost").signedBy(intermediate).build();
            Verdict v = new CertificateValidator(TrustAnchors.of(oldRoot.certificate()))
                    .validate(List.of(leaf.certificate(), intermediate.certificate()), "localhost", NOW, STRICT);
            assertThat(v.outcome()).isEqualTo(rejected(ReasonCode.EXPIRED));
            assertThat(v.findings())
                    .singleElement()
                    .extracting(Finding::certificateIndex)
                    .isEqualTo(2);
        }

        @Test
        void notYetValidIntermediate() {
            HeldCertificate future = TestPki.ca("Future Int")
                    .signedBy(PKI.root)
                    .validityInterval(NOW.plus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(300)))
                    .build();
            HeldCertificate leaf = PKI.leaf("localhost").signedBy(future).build();
            assertThat(strict(List.of(leaf.certificate(), future.certificate()), "localhost")
                            .outcome())
                    .isEqualTo(rejected(ReasonCode.NOT_YET_VALID));
        }

        @Test
        void validityIsJudgedAtTheGivenTime() {
            CertificateValidator validator = TestValidators.trusting(PKI);
            List<X509Certificate> served = PKI.served(PKI.leaf);
            assertThat(validator
                            .validate(served, "localhost", NOW.plus(Duration.ofDays(89)), STRICT)
                            .accepted())
                    .isTrue();
            assertThat(validator
                            .validate(served, "localhost", NOW.plus(Duration.ofDays(91)), STRICT)
                            .outcome())
                    .isEqualTo(rejected(ReasonCode.EXPIRED));
            assertThat(validator
                            .validate(served, "localhost", NOW.minus(Duration.ofDays(2)), STRICT)
                            .outcome())
                    .isEqualTo(rejected(ReasonCode.NOT_YET_VALID));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS) // RSA keys are slow to make: once for the class
    class Algorithms {
        private final HeldCertificate rsaRoot =
                TestPki.ca("RSA Root").keySpec(KeySpec.RSA_2048).build();
        private final HeldCertificate rsaInt = TestPki.ca("RSA Int")
                .keySpec(KeySpec.RSA_2048)
                .signedBy(rsaRoot)
                .build();
        private final CertificateValidator validator = new CertificateValidator(TrustAnchors.of(rsaRoot.certificate()));

        private Verdict validate(HeldCertificate leaf, ValidationPolicy policy) {
            return validator.validate(List.of(leaf.certificate(), rsaInt.certificate()), "localhost", NOW, policy);
        }

        @Test
        void sha1LeafFollowsThePolicy() {
            HeldCertificate sha1 = PKI.leaf("localhost")
                    .signedBy(rsaInt)
                    .signatureAlgorithm(SignatureAlgorithm.SHA1_WITH_RSA)
                    .build();
            assertThat(validate(sha1, STRICT).outcome()).isEqualTo(rejected(ReasonCode.WEAK_ALGORITHM));
            Verdict allowed = validate(sha1, STRICT.withRejectSha1(false));
            assertThat(allowed.outcome()).isEqualTo(Outcome.accepted());
            assertThat(allowed.findings()).isEmpty();
        }

        @Test
        void sha1OnTheTrustAnchorItselfIsFine() {
            HeldCertificate sha1Root = TestPki.ca("SHA-1 Root")
                    .keySpec(KeySpec.RSA_2048)
                    .signatureAlgorithm(SignatureAlgorithm.SHA1_WITH_RSA)
                    .build();
            HeldCertificate intermediate = TestPki.ca("Int")
                    .keySpec(KeySpec.RSA_2048)
                    .signedBy(sha1Root)
                    .build();
            HeldCertificate leaf = PKI.leaf("localhost").signedBy(intermediate).build();
            Verdict v = new CertificateValidator(TrustAnchors.of(sha1Root.certificate()))
                    .validate(List.of(leaf.certificate(), intermediate.certificate()), "localhost", NOW, STRICT);
            assertThat(v.outcome()).isEqualTo(Outcome.accepted());
        }

        @Test
        void md5IsRejectedEvenWhenSha1IsAllowed() {
            HeldCertificate md5 = PKI.leaf("localhost")
                    .signedBy(rsaInt)
                    .signatureAlgorithm(SignatureAlgorithm.MD5_WITH_RSA)
                    .build();
            Verdict v = validate(md5, STRICT.withRejectSha1(false));
            assertThat(v.outcome()).isEqualTo(rejected(ReasonCode.WEAK_ALGORITHM));
            assertThat(v.failedChecks())
                    .as("MD5 signature still verifies: weak, not tampered")
                    .containsExactly(ReasonCode.WEAK_ALGORITHM);
        }

        @Test
        void weakRsaKeyAnywhereInThePath() {
            HeldCertificate weakInt = TestPki.ca("Weak Int")
                    .keySpec(KeySpec.rsa(1024))
                    .signedBy(rsaRoot)
                    .build();
            HeldCertificate leaf = PKI.leaf("localhost").signedBy(weakInt).build();
            Verdict v =
                    validator.validate(List.of(leaf.certificate(), weakInt.certificate()), "localhost", NOW, STRICT);
            assertThat(v.outcome()).isEqualTo(rejected(ReasonCode.WEAK_KEY));
            assertThat(v.findings())
                    .singleElement()
                    .extracting(Finding::certificateIndex)
                    .isEqualTo(1);
        }
    }

    @Nested
    class Constraints {
        @Test
        void intermediateWithoutBasicConstraintsIsNotACa() {
            HeldCertificate noBc = TestPki.ca("No BC Int")
                    .omitBasicConstraints()
                    .signedBy(PKI.root)
                    .build();
            HeldCertificate leaf = PKI.leaf("localhost").signedBy(noBc).build();
            assertThat(strict(List.of(leaf.certificate(), noBc.certificate()), "localhost")
                            .outcome())
                    .isEqualTo(rejected(ReasonCode.NOT_CA));
        }

        @Test
        void pathLengthCountsIntermediatesBelowTheConstrainedCa() {
            HeldCertificate a = TestPki.ca("A pathLen 1")
                    .certificateAuthority(1)
                    .signedBy(PKI.root)
                    .build();
            HeldCertificate b = TestPki.ca("B").signedBy(a).build();
            HeldCertificate c = TestPki.ca("C").signedBy(b).build();
            HeldCertificate leafUnderB = PKI.leaf("localhost").signedBy(b).build();
            HeldCertificate leafUnderC = PKI.leaf("localhost").signedBy(c).build();
            assertThat(strict(List.of(leafUnderB.certificate(), b.certificate(), a.certificate()), "localhost")
                            .outcome())
                    .isEqualTo(Outcome.accepted());
            assertThat(strict(
                                    List.of(
                                            leafUnderC.certificate(),
                                            c.certificate(),
                                            b.certificate(),
                                            a.certificate()),
                                    "localhost")
                            .outcome())
                    .isEqualTo(rejected(ReasonCode.PATH_TOO_LONG));
        }

        @Test
        void issuerWithoutKeyCertSignHasBadKeyUsage() {
            HeldCertificate noCertSign = TestPki.ca("No certSign")
                    .keyUsage(KeyUsageFlag.CRL_SIGN)
                    .signedBy(PKI.root)
                    .build();
            HeldCertificate leaf = PKI.leaf("localhost").signedBy(noCertSign).build();
            assertThat(strict(List.of(leaf.certificate(), noCertSign.certificate()), "localhost")
                            .outcome())
                    .isEqualTo(rejected(ReasonCode.BAD_KEY_USAGE));
        }

        @Test
        void leafKeyUsageAndExtendedKeyUsage() {
            HeldCertificate agreementOnly =
                    PKI.leaf("localhost").keyUsage(KeyUsageFlag.KEY_AGREEMENT).build();
            HeldCertificate clientOnly = PKI.leaf("localhost")
                    .extendedKeyUsage(KeyPurpose.CLIENT_AUTH)
                    .build();
            HeldCertificate both = PKI.leaf("localhost")
                    .extendedKeyUsage(KeyPurpose.CLIENT_AUTH, KeyPurpose.SERVER_AUTH)
                    .build();
            HeldCertificate noEku = PKI.leaf("localhost").extendedKeyUsage().build();
            assertThat(strict(PKI.served(agreementOnly), "localhost").outcome())
                    .isEqualTo(rejected(ReasonCode.BAD_KEY_USAGE));
            assertThat(strict(PKI.served(clientOnly), "localhost").outcome())
                    .isEqualTo(rejected(ReasonCode.BAD_KEY_USAGE));
            assertThat(strict(PKI.served(both), "localhost").accepted()).isTrue();
            assertThat(strict(PKI.served(noEku), "localhost").accepted()).isTrue();
        }

        @Test
        void nameConstraintsPermitAndExclude() {
            HeldCertificate constrained = TestPki.ca("Constrained")
                    .permittedDnsName("example.com")
                    .excludedDnsName("secret.example.com")
                    .signedBy(PKI.root)
                    .build();
            HeldCertificate inside =
                    PKI.leaf("www.example.com").signedBy(constrained).build();
            HeldCertificate outside =
                    PKI.leaf("www.example.org").signedBy(constrained).build();
            HeldCertificate excluded =
                    PKI.leaf("db.secret.example.com").signedBy(constrained).build();
            HeldCertificate cnOnlyOutside = PKI.leaf("x")
                    .commonName("www.example.org")
                    .subjectAlternativeNames()
                    .signedBy(constrained)
                    .build();
            assertThat(strict(List.of(inside.certificate(), constrained.certificate()), "www.example.com")
                            .accepted())
                    .isTrue();
            assertThat(strict(List.of(outside.certificate(), constrained.certificate()), "www.example.org")
                            .outcome())
                    .isEqualTo(rejected(ReasonCode.NAME_CONSTRAINTS));
            assertThat(strict(List.of(excluded.certificate(), constrained.certificate()), "db.secret.example.com")
                            .outcome())
                    .isEqualTo(rejected(ReasonCode.NAME_CONSTRAINTS));
            assertThat(strict(List.of(cnOnlyOutside.certificate(), constrained.certificate()), "www.example.org")
                            .outcome())
                    .as("a CN-only leaf cannot dodge a DNS constraint")
                    .isEqualTo(rejected(ReasonCode.NAME_CONSTRAINTS));
        }
    }

    @Nested
    class Allowlist {
        private final HeldCertificate expired = PKI.leaf("localhost")
                .validityInterval(NOW.minus(Duration.ofDays(100)), NOW.minus(Duration.ofDays(10)))
                .build();

        @Test
        void leafSha1OrSha256AcceptsAndRecordsTheOverriddenChecks() {
            for (FingerprintList allowlist :
                    List.of(FingerprintList.of(expired.sha1()), FingerprintList.of(expired.sha256()))) {
                Verdict v = TestValidators.trusting(PKI)
                        .validate(PKI.served(expired), "wrong.example", NOW, STRICT.withAllowlist(allowlist));
                assertThat(v.outcome()).isEqualTo(Outcome.accepted());
                assertThat(v.strictOutcome()).isEqualTo(Outcome.accepted());
                assertThat(v.allowlistOverride()).isTrue();
                assertThat(v.failedChecks()).containsExactly(ReasonCode.EXPIRED, ReasonCode.HOSTNAME_MISMATCH);
            }
        }

        @Test
        void allowlistParsedFromTextMatchesTheSameWay() {
            FingerprintList parsed = FingerprintList.parse(
                    expired.sha1().toString().toLowerCase().replace(":", "") + "," + PKI.root.sha256());
            assertThat(TestValidators.trusting(PKI)
                            .validate(PKI.served(expired), "localhost", NOW, STRICT.withAllowlist(parsed))
                            .accepted())
                    .isTrue();
        }

        @Test
        void unrelatedFingerprintChangesNothing() {
            Verdict v = TestValidators.trusting(PKI)
                    .validate(
                            PKI.served(expired),
                            "localhost",
                            NOW,
                            STRICT.withAllowlist(FingerprintList.of(PKI.leaf.sha1())));
            assertThat(v.outcome()).isEqualTo(rejected(ReasonCode.EXPIRED));
            assertThat(v.allowlistOverride()).isFalse();
        }

        @Test
        void allowlistOnACleanLeafOverridesNothing() {
            Verdict v = TestValidators.trusting(PKI)
                    .validate(
                            PKI.served(PKI.leaf),
                            "localhost",
                            NOW,
                            STRICT.withAllowlist(FingerprintList.of(PKI.leaf.sha1())));
            assertThat(v.accepted()).isTrue();
            assertThat(v.allowlistOverride()).isFalse();
        }

        @Test
        void allowlistedServedIntermediateActsAsTrustAnchorButOtherChecksStillApply() {
            CertificateValidator noRoots = new CertificateValidator(TrustAnchors.of(List.of()));
            ValidationPolicy pinIntermediate = STRICT.withAllowlist(FingerprintList.of(PKI.intermediate.sha256()));
            Verdict good = noRoots.validate(PKI.served(PKI.leaf), "localhost", NOW, pinIntermediate);
            assertThat(good.outcome()).isEqualTo(Outcome.accepted());
            assertThat(good.anchored()).isTrue();
            assertThat(good.path()).containsExactly(PKI.leaf.certificate(), PKI.intermediate.certificate());
            assertThat(good.allowlistOverride()).isFalse();

            assertThat(noRoots.validate(PKI.served(expired), "localhost", NOW, pinIntermediate)
                            .outcome())
                    .isEqualTo(rejected(ReasonCode.EXPIRED));
            assertThat(noRoots.validate(PKI.served(PKI.leaf), "other.example", NOW, pinIntermediate)
                            .outcome())
                    .isEqualTo(rejected(ReasonCode.HOSTNAME_MISMATCH));
            assertThat(noRoots.validate(PKI.served(PKI.leaf), "localhost", NOW, STRICT)
                            .outcome())
                    .as("without the pin")
                    .isEqualTo(rejected(ReasonCode.INCOMPLETE_CHAIN));
        }

        @Test
        void allowlistedIntermediateMustBeServedNotJustConfigured() {
            CertificateValidator configured = new CertificateValidator(
                    TrustAnchors.of(List.of()).withIntermediates(List.of(PKI.intermediate.certificate())));
            ValidationPolicy pinIntermediate = STRICT.withAllowlist(FingerprintList.of(PKI.intermediate.sha1()));
            assertThat(configured
                            .validate(List.of(PKI.leaf.certificate()), "localhost", NOW, pinIntermediate)
                            .outcome())
                    .isEqualTo(rejected(ReasonCode.INCOMPLETE_CHAIN));
        }

        @Test
        void allowlistedServedRootActsAsTrustAnchor() {
            CertificateValidator noRoots = new CertificateValidator(TrustAnchors.of(List.of()));
            List<X509Certificate> withRoot =
                    List.of(PKI.leaf.certificate(), PKI.intermediate.certificate(), PKI.root.certificate());
            assertThat(noRoots.validate(withRoot, "localhost", NOW, STRICT).outcome())
                    .isEqualTo(rejected(ReasonCode.UNTRUSTED_ROOT));
            assertThat(noRoots.validate(
                                    withRoot,
                                    "localhost",
                                    NOW,
                                    STRICT.withAllowlist(FingerprintList.of(PKI.root.sha1())))
                            .outcome())
                    .isEqualTo(Outcome.accepted());
        }
    }

    @Nested
    class PrecedenceAndAudit {
        @Test
        void primaryReasonIsTheFirstDeclaredFailingCheckAndAllAreListed() {
            HeldCertificate bad = HeldCertificate.builder()
                    .clock(TestPki.CLOCK)
                    .subjectAlternativeNames("localhost")
                    .keySpec(KeySpec.rsa(1024))
                    .signedBy(PKI.intermediate)
                    .validityInterval(NOW.minus(Duration.ofDays(100)), NOW.minus(Duration.ofDays(10)))
                    .extendedKeyUsage(KeyPurpose.CLIENT_AUTH)
                    .build();
            Verdict v = strict(PKI.served(bad), "wrong.example");
            assertThat(v.outcome()).isEqualTo(rejected(ReasonCode.EXPIRED));
            assertThat(v.failedChecks())
                    .containsExactly(
                            ReasonCode.EXPIRED,
                            ReasonCode.WEAK_KEY,
                            ReasonCode.BAD_KEY_USAGE,
                            ReasonCode.HOSTNAME_MISMATCH);
            assertThat(v.findings()).extracting(Finding::reason).isSortedAccordingTo(Enum::compareTo);
        }

        @Test
        void nonStrictAcceptsButAuditsWhatStrictWouldReject() {
            HeldCertificate otherRoot = TestPki.ca("Audit Other Root").build();
            HeldCertificate leaf = PKI.leaf("localhost").signedBy(otherRoot).build();
            Verdict v = TestValidators.trusting(PKI)
                    .validate(List.of(leaf.certificate()), "elsewhere", NOW, ValidationPolicy.nonStrict());
            assertThat(v.outcome()).isEqualTo(Outcome.accepted());
            assertThat(v.strictOutcome()).isEqualTo(rejected(ReasonCode.INCOMPLETE_CHAIN));
            assertThat(v.failedChecks()).containsExactly(ReasonCode.INCOMPLETE_CHAIN, ReasonCode.HOSTNAME_MISMATCH);
        }

        @Test
        void hostnameMismatchNamesWhatTheLeafIsFor() {
            Verdict v = strict(PKI.served(PKI.leaf), "elsewhere.example");
            assertThat(v.findings())
                    .singleElement()
                    .satisfies(
                            f -> assertThat(f.detail())
                                    .isEqualTo(
                                            "dialled host 'elsewhere.example' matches none of the leaf's names [DNS:localhost]"));
        }

        @Test
        void nullHostSkipsOnlyTheHostnameCheck() {
            assertThat(strict(PKI.served(PKI.leaf), null).accepted()).isTrue();
        }
    }
}
