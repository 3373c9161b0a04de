package io.tlslab.tls.validation;

import static io.tlslab.ca.testing.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.KeyPurpose;
import io.tlslab.ca.testing.TestPki;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 4158 path building: every candidate issuer is tried, a failed branch is abandoned for the next
 * candidate, cycles end, and when nothing passes the most promising path is the one reported.
 */
class PathBuildingTest {
    private static final ValidationPolicy STRICT = ValidationPolicy.strict();
    private final TestPki pki = TestPki.atFixedTime();

    private static Verdict validate(CertificateValidator validator, List<X509Certificate> served, WorkBudget budget) {
        return validator.validate(served, "localhost", NOW, STRICT, budget);
    }

    /**
     * The 2021 case: an old root expired; the server still sends the new root cross-signed by the old one,
     * and the client trusts both roots. A path to the (valid, self-signed) new root exists and is the answer.
     */
    @Test
    void expiredCrossSignedRootWithAValidAlternativePathIsAccepted() {
        HeldCertificate oldRoot = TestPki.ca("DST Root CA X3 (test)")
                .validityInterval(NOW.minus(Duration.ofDays(7000)), NOW.minus(Duration.ofDays(30)))
                .build();
        KeyPair newRootKeys = RawCertificate.ecKeys();
        HeldCertificate newRoot =
                TestPki.ca("ISRG Root X1 (test)").keyPair(newRootKeys).build();
        HeldCertificate newRootCrossSigned = TestPki.ca("ISRG Root X1 (test)")
                .keyPair(newRootKeys)
                .signedBy(oldRoot)
                .validityInterval(NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofDays(900)))
                .build();
        HeldCertificate r3 = TestPki.ca("R3 (test)").signedBy(newRoot).build();
        HeldCertificate leaf = pki.leaf("localhost").signedBy(r3).build();
        List<X509Certificate> served = List.of(leaf.certificate(), r3.certificate(), newRootCrossSigned.certificate());

        Verdict both = validate(
                new CertificateValidator(TrustAnchors.of(oldRoot.certificate(), newRoot.certificate())),
                served,
                new WorkBudget());
        assertThat(both.outcome()).isEqualTo(Outcome.accepted());
        assertThat(both.path()).containsExactly(leaf.certificate(), r3.certificate(), newRoot.certificate());

        Verdict onlyOld =
                validate(new CertificateValidator(TrustAnchors.of(oldRoot.certificate())), served, new WorkBudget());
        assertThat(onlyOld.outcome())
                .as("only the expired root is trusted")
                .isEqualTo(Outcome.rejected(ReasonCode.EXPIRED));
        assertThat(onlyOld.anchored()).isTrue();
    }

    /**
     * RFC 5280 7.1: names match by their canonical form, not their bytes. The leaf names its issuer
     * "TEST ROOT" as a PrintableString while the root's subject is the UTF8String "Test Root": different
     * encodings of one name, so the root is found through the canonical comparison, not the exact-encoding
     * index the anchors are looked up in first.
     */
    @Test
    void findsTheRootWhenTheIssuerFieldEncodesItsNameDifferently() {
        X509Certificate leaf = RawCertificate.leafNamingItsIssuer(pki.root, "TEST ROOT");
        X509Certificate root = pki.root.certificate();
        assertThat(leaf.getIssuerX500Principal().getEncoded())
                .as("the encodings differ")
                .isNotEqualTo(root.getSubjectX500Principal().getEncoded());
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());

        Verdict verdict = validate(TestValidators.trusting(pki), List.of(leaf), new WorkBudget());

        assertThat(verdict.outcome()).isEqualTo(Outcome.accepted());
        assertThat(verdict.path()).containsExactly(leaf, root);
    }

    /** Two copies of one intermediate (same subject and key): the first served one fails, the second passes. */
    @Test
    void backtracksFromABranchThatFailsLaterToTheNextCandidate() {
        HeldCertificate otherRoot = TestPki.ca("Other Root").build();
        KeyPair intKeys = RawCertificate.ecKeys();
        HeldCertificate clientOnlyCopy = TestPki.ca("Shared Int")
                .keyPair(intKeys)
                .signedBy(otherRoot)
                .extendedKeyUsage(KeyPurpose.CLIENT_AUTH)
                .build();
        HeldCertificate goodCopy =
                TestPki.ca("Shared Int").keyPair(intKeys).signedBy(pki.root).build();
        HeldCertificate leaf = pki.leaf("localhost").signedBy(goodCopy).build();
        CertificateValidator validator =
                new CertificateValidator(TrustAnchors.of(pki.root.certificate(), otherRoot.certificate()));
        WorkBudget budget = new WorkBudget();

        Verdict v = validate(
                validator, List.of(leaf.certificate(), clientOnlyCopy.certificate(), goodCopy.certificate()), budget);

        assertThat(v.outcome()).isEqualTo(Outcome.accepted());
        assertThat(v.path()).containsExactly(leaf.certificate(), goodCopy.certificate(), pki.root.certificate());
        assertThat(budget.paths())
                .as("the clientAuth-only branch was built, failed, and abandoned")
                .isEqualTo(2);
    }

    @Test
    void backtracksPastAnIssuerThatIsNotACaAndPastNameConstraints() {
        KeyPair intKeys = RawCertificate.ecKeys();
        HeldCertificate notCa = TestPki.ca("Shared Int")
                .keyPair(intKeys)
                .omitBasicConstraints()
                .signedBy(pki.root)
                .build();
        HeldCertificate constrained = TestPki.ca("Shared Int")
                .keyPair(intKeys)
                .excludedDnsName("localhost")
                .signedBy(pki.root)
                .build();
        HeldCertificate good =
                TestPki.ca("Shared Int").keyPair(intKeys).signedBy(pki.root).build();
        HeldCertificate leaf = pki.leaf("localhost").signedBy(good).build();

        Verdict v = validate(
                TestValidators.trusting(pki),
                List.of(leaf.certificate(), notCa.certificate(), constrained.certificate(), good.certificate()),
                new WorkBudget());
        assertThat(v.outcome()).isEqualTo(Outcome.accepted());
        assertThat(v.path().get(1)).isSameAs(good.certificate());

        Verdict noGood = validate(
                TestValidators.trusting(pki),
                List.of(leaf.certificate(), notCa.certificate(), constrained.certificate()),
                new WorkBudget());
        assertThat(noGood.outcome())
                .as("of two anchored failures, the one whose worst problem is mildest")
                .isEqualTo(Outcome.rejected(ReasonCode.NAME_CONSTRAINTS));
        assertThat(noGood.path().get(1)).isSameAs(constrained.certificate());
    }

    /** Same subject, different keys: the candidate whose key verifies is the issuer, whatever the order. */
    @Test
    void sameSubjectDifferentKeysTriesEachCandidate() {
        HeldCertificate wrongKey =
                TestPki.ca("Test Intermediate").signedBy(pki.root).build();
        Verdict v = validate(
                TestValidators.trusting(pki),
                List.of(pki.leaf.certificate(), wrongKey.certificate(), pki.intermediate.certificate()),
                new WorkBudget());
        assertThat(v.outcome()).isEqualTo(Outcome.accepted());
        assertThat(v.path().get(1)).isSameAs(pki.intermediate.certificate());
        assertThat(v.failedChecks()).doesNotContain(ReasonCode.BAD_SIGNATURE);
    }

    /** An anchored path that fails beats a path to an untrusted root, and keeps all its findings for the audit. */
    @Test
    void reportsTheMostPromisingPathWithAllItsFindings() {
        HeldCertificate untrustedRoot = TestPki.ca("Untrusted Root").build();
        KeyPair intKeys = RawCertificate.ecKeys();
        HeldCertificate toUntrusted = TestPki.ca("Shared Int")
                .keyPair(intKeys)
                .signedBy(untrustedRoot)
                .build();
        HeldCertificate expiredToTrusted = TestPki.ca("Shared Int")
                .keyPair(intKeys)
                .signedBy(pki.root)
                .validityInterval(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(5)))
                .extendedKeyUsage(KeyPurpose.CLIENT_AUTH)
                .build();
        HeldCertificate leaf = pki.leaf("localhost").signedBy(toUntrusted).build();

        Verdict v = validate(
                TestValidators.trusting(pki),
                List.of(
                        leaf.certificate(),
                        toUntrusted.certificate(),
                        untrustedRoot.certificate(),
                        expiredToTrusted.certificate()),
                new WorkBudget());
        assertThat(v.outcome()).isEqualTo(Outcome.rejected(ReasonCode.EXPIRED));
        assertThat(v.anchored()).isTrue();
        assertThat(v.path())
                .containsExactly(leaf.certificate(), expiredToTrusted.certificate(), pki.root.certificate());
        assertThat(v.failedChecks()).containsExactly(ReasonCode.EXPIRED, ReasonCode.BAD_KEY_USAGE);
    }

    /**
     * Two CAs cross-signed by each other, neither trusted: the search ends (RFC 4158 3.5.2 loop detection).
     * Every certificate's issuer was served, so nothing is missing (not INCOMPLETE_CHAIN): the complete chain
     * leads to no trust anchor, which RFC 5280 6.1 calls a path that does not start at a trust anchor.
     */
    @Test
    void crossSignedCycleEndsAsAnUntrustedPath() {
        KeyPair xKeys = RawCertificate.ecKeys();
        KeyPair yKeys = RawCertificate.ecKeys();
        HeldCertificate ySelf = TestPki.ca("Y").keyPair(yKeys).build();
        HeldCertificate xByY = TestPki.ca("X").keyPair(xKeys).signedBy(ySelf).build();
        HeldCertificate yByX = TestPki.ca("Y").keyPair(yKeys).signedBy(xByY).build();
        HeldCertificate leaf = pki.leaf("localhost").signedBy(xByY).build();
        WorkBudget budget = new WorkBudget();

        Verdict v = validate(
                TestValidators.trusting(pki),
                List.of(leaf.certificate(), xByY.certificate(), yByX.certificate()),
                budget);

        assertThat(v.outcome()).isEqualTo(Outcome.rejected(ReasonCode.UNTRUSTED_ROOT));
        assertThat(v.path()).containsExactly(leaf.certificate(), xByY.certificate(), yByX.certificate());
        assertThat(v.findings()).singleElement().satisfies(f -> {
            assertThat(f.certificateIndex()).isEqualTo(2);
            assertThat(f.detail()).contains("path loops");
        });
        assertThat(budget.paths()).isEqualTo(1);
    }

    /** The same loop with the second CA's issuer not served: that issuer is missing, not looping. */
    @Test
    void aChainWhoseLastIssuerIsAbsentIsIncompleteNotALoop() {
        KeyPair xKeys = RawCertificate.ecKeys();
        HeldCertificate zSelf = TestPki.ca("Z").build();
        HeldCertificate yByZ = TestPki.ca("Y").signedBy(zSelf).build();
        HeldCertificate xByY = TestPki.ca("X").keyPair(xKeys).signedBy(yByZ).build();
        HeldCertificate leaf = pki.leaf("localhost").signedBy(xByY).build();

        Verdict v = validate(
                TestValidators.trusting(pki),
                List.of(leaf.certificate(), xByY.certificate(), yByZ.certificate()),
                new WorkBudget());

        assertThat(v.outcome()).isEqualTo(Outcome.rejected(ReasonCode.INCOMPLETE_CHAIN));
    }

    /**
     * The last served CA's issuer is named like a CA already on the path, but that CA did not sign it (another
     * key did, and that certificate was not sent): the names loop, the signatures do not, so the real issuer
     * is missing (INCOMPLETE_CHAIN), not a loop.
     */
    @Test
    void aSameNamedCertificateOnThePathThatDidNotSignIsNoLoop() {
        HeldCertificate xUnsent = TestPki.ca("X").build();
        HeldCertificate yByUnsentX = TestPki.ca("Y").signedBy(xUnsent).build();
        HeldCertificate xByY = TestPki.ca("X")
                .keyPair(RawCertificate.ecKeys())
                .signedBy(yByUnsentX)
                .build();
        HeldCertificate leaf = pki.leaf("localhost").signedBy(xByY).build();

        Verdict v = validate(
                TestValidators.trusting(pki),
                List.of(leaf.certificate(), xByY.certificate(), yByUnsentX.certificate()),
                new WorkBudget());

        assertThat(v.path()).containsExactly(leaf.certificate(), xByY.certificate(), yByUnsentX.certificate());
        assertThat(v.outcome()).isEqualTo(Outcome.rejected(ReasonCode.INCOMPLETE_CHAIN));
    }

    @Test
    void maximumIntermediatesIsAPolicySettingWithTheOldLimitAsDefault() {
        List<HeldCertificate> cas = new ArrayList<>();
        HeldCertificate issuer = pki.root;
        for (int i = 0; i < 11; i++) {
            issuer = TestPki.ca("Level " + i).signedBy(issuer).build();
            cas.add(issuer);
        }
        CertificateValidator validator = TestValidators.trusting(pki);
        assertThat(ValidationPolicy.strict().maxIntermediates())
                .isEqualTo(ValidationPolicy.DEFAULT_MAX_INTERMEDIATES)
                .isEqualTo(10);
        for (int depth : new int[] {1, 2, 10, 11}) {
            HeldCertificate leaf =
                    pki.leaf("localhost").signedBy(cas.get(depth - 1)).build();
            List<X509Certificate> served = new ArrayList<>(List.of(leaf.certificate()));
            cas.subList(0, depth).forEach(c -> served.add(c.certificate()));
            Verdict byDefault = validator.validate(served, "localhost", NOW, STRICT);
            assertThat(byDefault.outcome())
                    .as("%d intermediates, default limit", depth)
                    .isEqualTo(depth <= 10 ? Outcome.accepted() : Outcome.rejected(ReasonCode.PATH_TOO_LONG));
            Verdict limited = validator.validate(served, "localhost", NOW, STRICT.withMaxIntermediates(1));
            assertThat(limited.outcome())
                    .as("%d intermediates, limit 1", depth)
                    .isEqualTo(depth <= 1 ? Outcome.accepted() : Outcome.rejected(ReasonCode.PATH_TOO_LONG));
        }
        Verdict none = validator.validate(pki.served(pki.leaf), "localhost", NOW, STRICT.withMaxIntermediates(0));
        assertThat(none.outcome()).isEqualTo(Outcome.rejected(ReasonCode.PATH_TOO_LONG));
    }
}
