package io.tlslab.tls.validation;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.testing.TestPki;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Hostile chains for the work-budget tests and the NameConstraintBlowup main (src/jmh). */
final class CraftedChains {
    record Chain(CertificateValidator validator, List<X509Certificate> served) {}

    private CraftedChains() {}

    /**
     * root <- intermediate with {@code constraints} permitted DNS subtrees <- leaf with {@code sans} DNS
     * SANs (host0.example.com ...), every SAN inside the last permitted subtree (example.com), so an
     * implementation that compares everything does names x constraints comparisons and then accepts.
     */
    static Chain nameConstraintBlowup(TestPki pki, int sans, int constraints) {
        HeldCertificate.Builder ca = TestPki.ca("Constrained CA");
        for (int c = 0; c < constraints - 1; c++) {
            ca.permittedDnsName("zone" + c + ".example.net");
        }
        ca.permittedDnsName("example.com");
        HeldCertificate intermediate = ca.signedBy(pki.root).build();
        List<String> names = new ArrayList<>(sans);
        for (int s = 0; s < sans; s++) {
            names.add("host" + s + ".example.com");
        }
        HeldCertificate leaf = pki.leaf(names.get(0))
                .subjectAlternativeNames(names.toArray(String[]::new))
                .signedBy(intermediate)
                .build();
        return new Chain(TestValidators.trusting(pki), List.of(leaf.certificate(), intermediate.certificate()));
    }
}
