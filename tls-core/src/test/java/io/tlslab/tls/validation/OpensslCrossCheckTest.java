package io.tlslab.tls.validation;

import static io.tlslab.ca.testing.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.KeyUsageFlag;
import io.tlslab.ca.testing.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * tlslab (strict, article profile) and {@code openssl verify -x509_strict -purpose sslserver} must agree on
 * accept / reject for cases both implement. Skipped where openssl is not installed.
 */
class OpensslCrossCheckTest {
    private static final TestPki PKI = TestPki.atFixedTime();

    /** roots: trusted; served: leaf first. */
    record Case(String name, List<X509Certificate> roots, List<X509Certificate> served, boolean accepted) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void opensslPresent() {
        boolean present;
        try {
            Process p = new ProcessBuilder("openssl", "version")
                    .redirectErrorStream(true)
                    .start();
            present = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            present = false;
        }
        Assumptions.assumeTrue(present, "openssl is not installed");
    }

    static Stream<Arguments> cases() {
        List<X509Certificate> root = List.of(PKI.root.certificate());
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("valid chain", root, PKI.served(PKI.leaf), true));
        cases.add(new Case(
                "expired leaf",
                root,
                PKI.served(PKI.leaf("localhost")
                        .validityInterval(NOW.minus(Duration.ofDays(90)), NOW.minus(Duration.ofDays(1)))
                        .build()),
                false));
        cases.add(new Case(
                "unknown critical extension",
                root,
                List.of(
                        RawCertificate.leaf("localhost")
                                .extension(Rfc5280RulesTest.PRIVATE_EXTENSION, true, new DERUTF8String("x"))
                                .issuedBy(PKI.intermediate)
                                .build(),
                        PKI.intermediate.certificate()),
                false));
        cases.add(new Case(
                "leaf without authority key identifier",
                root,
                List.of(
                        RawCertificate.leaf("localhost")
                                .withoutAuthorityKeyId()
                                .issuedBy(PKI.intermediate)
                                .build(),
                        PKI.intermediate.certificate()),
                false));
        HeldCertificate softBc = RawCertificate.ca("CN=Soft BC")
                .keys(RawCertificate.ecKeys())
                .extension(Extension.basicConstraints, false, new BasicConstraints(true))
                .issuedBy(PKI.root)
                .held();
        cases.add(new Case("CA basic constraints not critical", root, under(softBc), false));
        HeldCertificate noSki = RawCertificate.ca("CN=No SKI")
                .keys(RawCertificate.ecKeys())
                .withoutSubjectKeyId()
                .issuedBy(PKI.root)
                .held();
        cases.add(new Case("CA without subject key identifier", root, under(noSki), false));
        HeldCertificate clientOnly = RawCertificate.ca("CN=Client Only")
                .keys(RawCertificate.ecKeys())
                .extension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                .issuedBy(PKI.root)
                .held();
        cases.add(new Case("intermediate EKU clientAuth only", root, under(clientOnly), false));
        HeldCertificate excluding = TestPki.ca("Excluding")
                .excludedDnsName("localhost")
                .signedBy(PKI.root)
                .build();
        cases.add(new Case("leaf in an excluded subtree", root, under(excluding), false));
        cases.add(new Case(
                "keyCertSign on a non-CA leaf",
                root,
                PKI.served(PKI.leaf("localhost")
                        .keyUsage(KeyUsageFlag.DIGITAL_SIGNATURE, KeyUsageFlag.KEY_CERT_SIGN)
                        .build()),
                false));

        HeldCertificate oldRoot = TestPki.ca("Old Root")
                .validityInterval(NOW.minus(Duration.ofDays(7000)), NOW.minus(Duration.ofDays(30)))
                .build();
        KeyPair newKeys = RawCertificate.ecKeys();
        HeldCertificate newRoot = TestPki.ca("New Root").keyPair(newKeys).build();
        HeldCertificate crossSigned =
                TestPki.ca("New Root").keyPair(newKeys).signedBy(oldRoot).build();
        HeldCertificate issuing = TestPki.ca("Issuing").signedBy(newRoot).build();
        HeldCertificate leaf = PKI.leaf("localhost").signedBy(issuing).build();
        cases.add(new Case(
                "expired cross-signing root with a valid alternative",
                List.of(oldRoot.certificate(), newRoot.certificate()),
                List.of(leaf.certificate(), issuing.certificate(), crossSigned.certificate()),
                true));
        return cases.stream().map(Arguments::of);
    }

    private static List<X509Certificate> under(HeldCertificate ca) {
        return List.of(PKI.leaf("localhost").signedBy(ca).build().certificate(), ca.certificate());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tlslabAndOpensslAgree(Case c, @TempDir Path dir) throws Exception {
        boolean tlslab = new CertificateValidator(TrustAnchors.of(c.roots()))
                .validate(c.served(), "localhost", NOW, ValidationPolicy.strict())
                .accepted();
        boolean openssl = opensslAccepts(c, dir);
        assertThat(tlslab).as("tlslab").isEqualTo(c.accepted());
        assertThat(openssl).as("openssl verify -x509_strict").isEqualTo(c.accepted());
    }

    private static boolean opensslAccepts(Case c, Path dir) throws Exception {
        Path roots = write(dir.resolve("roots.pem"), c.roots());
        Path leaf = write(dir.resolve("leaf.pem"), c.served().subList(0, 1));
        Path untrusted = write(
                dir.resolve("untrusted.pem"), c.served().subList(1, c.served().size()));
        List<String> command = new ArrayList<>(List.of(
                "openssl",
                "verify",
                "-x509_strict",
                "-purpose",
                "sslserver",
                "-verify_hostname",
                "localhost",
                "-attime",
                Long.toString(NOW.getEpochSecond()),
                "-CAfile",
                roots.toString()));
        if (c.served().size() > 1) {
            command.addAll(List.of("-untrusted", untrusted.toString()));
        }
        command.add(leaf.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("openssl finished").isTrue();
        return p.exitValue() == 0 && output.contains(": OK");
    }

    private static Path write(Path file, List<X509Certificate> certificates)
            throws IOException, CertificateEncodingException {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate c : certificates) {
            pem.append("-----BEGIN CERTIFICATE-----\n")
                    .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return Files.writeString(file, pem.toString());
    }
}
