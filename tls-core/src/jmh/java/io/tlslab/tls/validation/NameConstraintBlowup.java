package io.tlslab.tls.validation;

import io.tlslab.ca.testing.TestPki;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.util.Arrays;
import java.util.Date;
import java.util.Locale;
import java.util.Set;

/**
 * Prints how long one validation of the crafted name-constraints chain takes (issue 14: SANs x
 * constraints, e.g. 1,000 x 1,000; target under 50 ms), for tlslab and, side by side in the same run and
 * on the same chain, the JDK's PKIX CertPathValidator (no hostname check, revocation off). Medians of a
 * bounded number of runs after a bounded warm-up. Unit tests assert the budget counts instead of time.
 *
 * <p>Usage: {@code NameConstraintBlowup [sans] [constraints] [runs]} (defaults 1000 1000 50); run with
 * {@code mvn -q -pl tls-core -am -Pbenchmarks test-compile exec:exec -Djmh.main=io.tlslab.tls.validation.NameConstraintBlowup -Djmh.args=""}.
 */
public final class NameConstraintBlowup {
    private NameConstraintBlowup() {
    }

    public static void main(String[] args) throws Exception {
        int sans = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int constraints = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        TestPki pki = TestPki.atFixedTime();
        CraftedChains.Chain chain = CraftedChains.nameConstraintBlowup(pki, sans, constraints);

        CertPathValidator pkix = CertPathValidator.getInstance("PKIX");
        CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(chain.served());
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(pki.root.certificate(), null)));
        params.setRevocationEnabled(false);
        params.setDate(Date.from(TestPki.NOW));

        String[] verdicts = new String[2];
        long[] tlslab = new long[runs];
        long[] jdk = new long[runs];
        for (int i = 0; i < runs + 5; i++) { // the first 5 are warm-up
            long a = System.nanoTime();
            Verdict v = chain.validator().validate(chain.served(), "host0.example.com", TestPki.NOW,
                    ValidationPolicy.strict());
            long b = System.nanoTime();
            try {
                pkix.validate(path, params);
                verdicts[1] = "accepted";
            } catch (CertPathValidatorException e) {
                verdicts[1] = "rejected (" + e.getReason() + ")";
            }
            long c = System.nanoTime();
            verdicts[0] = v.outcome().toString();
            if (i >= 5) {
                tlslab[i - 5] = b - a;
                jdk[i - 5] = c - b;
            }
        }
        double t = median(tlslab) / 1e6;
        double j = median(jdk) / 1e6;
        System.out.printf(Locale.ROOT, "java %s, %d SANs x %d constraints, median of %d runs%n",
                System.getProperty("java.version"), sans, constraints, runs);
        System.out.printf(Locale.ROOT, "tlslab %9.3f ms  %s%n", t, verdicts[0]);
        System.out.printf(Locale.ROOT, "jdk    %9.3f ms  %s%n", j, verdicts[1]);
        System.out.printf(Locale.ROOT, "tlslab time / jdk time = %.4f%n", t / j);
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
