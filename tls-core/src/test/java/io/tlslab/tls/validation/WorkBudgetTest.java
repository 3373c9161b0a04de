package io.tlslab.tls.validation;

import static io.tlslab.ca.testing.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.testing.TestPki;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No input makes one validation do more than the budget: the counts are asserted, never the wall time
 * (NameConstraintBlowup in src/jmh prints the time next to the JDK's PKIX).
 */
class WorkBudgetTest {
    private static final ValidationPolicy STRICT = ValidationPolicy.strict();
    private final TestPki pki = TestPki.atFixedTime();

    @Test
    void thousandSansUnderThousandConstraintsIsTooComplexWithoutDoingTheComparisons() {
        CraftedChains.Chain chain = CraftedChains.nameConstraintBlowup(pki, 1000, 1000);
        WorkBudget budget = new WorkBudget();

        Verdict v = chain.validator().validate(chain.served(), "host0.example.com", NOW, STRICT, budget);

        assertThat(v.outcome()).isEqualTo(Outcome.rejected(ReasonCode.TOO_COMPLEX));
        assertThat(v.findings().get(0).detail()).contains("250000 name-constraint comparisons");
        assertThat(budget.comparisons())
                .as("charged before comparing: nothing was compared")
                .isLessThanOrEqualTo(WorkBudget.MAX_NAME_COMPARISONS)
                .isZero();
        assertThat(budget.signatures()).isLessThanOrEqualTo(3);
        assertThat(budget.paths()).isEqualTo(1);
    }

    @Test
    void chainWithinTheComparisonBudgetIsValidatedAndCountedExactly() {
        CraftedChains.Chain chain = CraftedChains.nameConstraintBlowup(pki, 400, 400);
        WorkBudget budget = new WorkBudget();

        Verdict v = chain.validator().validate(chain.served(), "host399.example.com", NOW, STRICT, budget);

        assertThat(v.outcome()).isEqualTo(Outcome.accepted());
        assertThat(budget.comparisons())
                .as("400 DNS SANs x 400 DNS constraints; the DN form has none")
                .isEqualTo(160_000);
    }

    /** 8 copies (same subject and key) at each of 4 levels, none trusted: 4,096 paths exist, the budget stops it. */
    @Test
    void candidateExplosionStopsAtThePathAndSignatureBudget() {
        List<X509Certificate> served = new ArrayList<>();
        HeldCertificate top = TestPki.ca("Level 4").build();
        List<HeldCertificate> above = List.of(top);
        List<X509Certificate> mesh = new ArrayList<>();
        for (int l = 3; l >= 0; l--) {
            KeyPair keys = RawCertificate.ecKeys();
            List<HeldCertificate> level = new ArrayList<>();
            for (int copy = 0; copy < 8; copy++) {
                level.add(TestPki.ca("Level " + l)
                        .keyPair(keys)
                        .signedBy(above.get(copy % above.size()))
                        .build());
            }
            level.forEach(c -> mesh.add(c.certificate()));
            above = level;
        }
        HeldCertificate leaf = pki.leaf("localhost").signedBy(above.get(0)).build();
        served.add(leaf.certificate());
        served.addAll(mesh);
        served.add(top.certificate());
        WorkBudget budget = new WorkBudget();

        Verdict v = TestValidators.trusting(pki).validate(served, "localhost", NOW, STRICT, budget);

        assertThat(v.outcome()).isEqualTo(Outcome.rejected(ReasonCode.TOO_COMPLEX));
        assertThat(v.failedChecks())
                .as("the most promising path so far is kept for the audit")
                .contains(ReasonCode.UNTRUSTED_ROOT);
        assertThat(budget.paths()).isLessThanOrEqualTo(WorkBudget.MAX_PATHS);
        assertThat(budget.signatures()).isLessThanOrEqualTo(WorkBudget.MAX_SIGNATURES);
    }
}
