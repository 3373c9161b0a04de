package io.tlslab.tls.validation;

import static io.tlslab.ca.testing.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.testing.TestPki;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import io.tlslab.protocol.validation.ValidationProfile;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The webpki profile (CA/Browser Forum Baseline Requirements on top of RFC 5280) against the article
 * profile on the same certificates: each rule refuses under webpki and, where the article allows it,
 * is accepted under article.
 */
class WebPkiProfileTest {
    private static final TestPki PKI = TestPki.atFixedTime();
    private static final ValidationPolicy ARTICLE = ValidationPolicy.strict();
    private static final ValidationPolicy WEBPKI = ValidationPolicy.strict().withProfile(ValidationProfile.WEBPKI);

    private static Verdict validate(X509Certificate leaf, String host, ValidationPolicy policy) {
        return TestValidators.trusting(PKI).validate(List.of(leaf, PKI.intermediate.certificate()), host, NOW, policy);
    }

    private static RawCertificate leafNamed(String cn, GeneralName... sans) {
        RawCertificate leaf = RawCertificate.subject(cn.isEmpty() ? "O=No CN" : "CN=" + cn)
                .endEntity()
                .extension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        return sans.length == 0
                ? leaf
                : leaf.extension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
    }

    private static GeneralName dns(String name) {
        return new GeneralName(GeneralName.dNSName, name);
    }

    private static GeneralName ip(String address) {
        return new GeneralName(GeneralName.iPAddress, address);
    }

    @Test
    void theSameGoodChainPassesBothProfiles() {
        assertThat(validate(PKI.leaf.certificate(), "localhost", WEBPKI).outcome())
                .isEqualTo(Outcome.accepted());
        assertThat(validate(PKI.leaf.certificate(), "localhost", ARTICLE).outcome())
                .isEqualTo(Outcome.accepted());
    }

    @Nested
    class Names {
        @Test
        void cnOnlyLeafIsAcceptedByArticleAndRefusedByWebPki() {
            X509Certificate cnOnly =
                    leafNamed("localhost").issuedBy(PKI.intermediate).build();
            assertThat(validate(cnOnly, "localhost", ARTICLE).outcome()).isEqualTo(Outcome.accepted());
            Verdict web = validate(cnOnly, "localhost", WEBPKI);
            assertThat(web.outcome()).isEqualTo(Outcome.rejected(ReasonCode.HOSTNAME_MISMATCH));
            assertThat(validate(cnOnly, null, WEBPKI).outcome())
                    .as("refused even without a dialled host")
                    .isEqualTo(Outcome.rejected(ReasonCode.HOSTNAME_MISMATCH));
        }

        /** BR 7.1.4.3 / 7.1.2.7.2: the CN is a character-for-character copy of one SAN. */
        @ParameterizedTest(name = "CN {0} with SAN {1} -> webpki accepts: {2}")
        @CsvSource({
            "localhost, localhost, true",
            "LOCALHOST, localhost, false",
            "other.example, localhost, false",
            "xn--bcher-kva.example, xn--bcher-kva.example, true",
            "bücher.example, xn--bcher-kva.example, false"
        })
        void cnMustCopyADnsSanExactly(String cn, String san, boolean accepted) {
            X509Certificate leaf =
                    leafNamed(cn, dns(san)).issuedBy(PKI.intermediate).build();
            Verdict v = validate(leaf, san, WEBPKI);
            assertThat(v.accepted()).isEqualTo(accepted);
            if (!accepted) {
                assertThat(v.outcome()).isEqualTo(Outcome.rejected(ReasonCode.HOSTNAME_MISMATCH));
                assertThat(validate(leaf, san, ARTICLE).accepted())
                        .as("article ignores the CN when SANs exist")
                        .isTrue();
            }
        }

        /** An IP in the CN must be the SAN's canonical text: dotted decimal, RFC 5952 for IPv6. */
        @ParameterizedTest(name = "CN {0} with IP SAN {1} -> webpki accepts: {2}")
        @CsvSource({
            "127.0.0.1, 127.0.0.1, true",
            "127.000.000.001, 127.0.0.1, false",
            "::1, ::1, true",
            "0:0:0:0:0:0:0:1, ::1, false",
            "2001:db8::1, 2001:DB8:0:0:0:0:0:1, true",
            "2001:DB8::1, 2001:db8::1, false"
        })
        void cnMustBeTheCanonicalTextOfAnIpSan(String cn, String san, boolean accepted) {
            X509Certificate leaf =
                    leafNamed(cn, ip(san)).issuedBy(PKI.intermediate).build();
            assertThat(validate(leaf, san, WEBPKI).accepted()).isEqualTo(accepted);
        }

        @Test
        void onlyDnsAndIpSansAreAllowed() {
            X509Certificate withEmail = leafNamed(
                            "localhost", dns("localhost"), new GeneralName(GeneralName.rfc822Name, "ops@example.com"))
                    .issuedBy(PKI.intermediate)
                    .build();
            assertThat(validate(withEmail, "localhost", WEBPKI).outcome())
                    .isEqualTo(Outcome.rejected(ReasonCode.PROFILE_VIOLATION));
            assertThat(validate(withEmail, "localhost", ARTICLE).accepted()).isTrue();
        }

        /** BR 3.2.2.6 with the Public Suffix List's ICANN section (private suffixes such as github.io hold real wildcards). */
        @ParameterizedTest(name = "{0} -> webpki accepts: {1}")
        @CsvSource({
            "*.co.uk, false",
            "*.com, false",
            "*.example.co.uk, true",
            "*.example.com, true",
            "*.github.io, true"
        })
        void noWildcardOverAPublicSuffix(String wildcard, boolean accepted) {
            String host = "www" + wildcard.substring(1);
            X509Certificate leaf =
                    leafNamed("", dns(wildcard)).issuedBy(PKI.intermediate).build();
            assertThat(validate(leaf, host, WEBPKI).accepted()).isEqualTo(accepted);
            assertThat(validate(leaf, host, ARTICLE).accepted()).isTrue();
        }
    }

    @Nested
    class Usage {
        @Test
        void leafEkuMustNameServerAuthAndAnyEkuAloneIsNotEnough() {
            X509Certificate noEku = RawCertificate.leaf("localhost")
                    .without(Extension.extendedKeyUsage)
                    .issuedBy(PKI.intermediate)
                    .build();
            X509Certificate anyOnly = RawCertificate.leaf("localhost")
                    .extension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.anyExtendedKeyUsage))
                    .issuedBy(PKI.intermediate)
                    .build();
            for (X509Certificate leaf : List.of(noEku, anyOnly)) {
                assertThat(validate(leaf, "localhost", WEBPKI).outcome())
                        .isEqualTo(Outcome.rejected(ReasonCode.BAD_KEY_USAGE));
                assertThat(validate(leaf, "localhost", ARTICLE).accepted()).isTrue();
            }
        }

        @Test
        void rootCarriesNoEku() {
            HeldCertificate root = RawCertificate.ca("CN=EKU Root")
                    .keys(RawCertificate.ecKeys())
                    .extension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .held();
            HeldCertificate intermediate =
                    TestPki.ca("Under EKU Root").signedBy(root).build();
            X509Certificate leaf =
                    PKI.leaf("localhost").signedBy(intermediate).build().certificate();
            CertificateValidator validator = new CertificateValidator(TrustAnchors.of(root.certificate()));
            List<X509Certificate> served = List.of(leaf, intermediate.certificate());
            assertThat(validator.validate(served, "localhost", NOW, WEBPKI).outcome())
                    .isEqualTo(Outcome.rejected(ReasonCode.PROFILE_VIOLATION));
            assertThat(validator.validate(served, "localhost", NOW, ARTICLE).accepted())
                    .isTrue();
        }

        @Test
        void leafIsNotACa() { // BR 7.1.2.7.8
            X509Certificate caLeaf = RawCertificate.leaf("localhost")
                    .extension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .issuedBy(PKI.intermediate)
                    .build();
            assertThat(validate(caLeaf, "localhost", WEBPKI).outcome())
                    .isEqualTo(Outcome.rejected(ReasonCode.PROFILE_VIOLATION));
            assertThat(validate(caLeaf, "localhost", ARTICLE).accepted()).isTrue();
        }
    }

    @Nested
    class Keys {
        @Test
        void dsaIsRefused() throws Exception {
            KeyPairGenerator dsa = KeyPairGenerator.getInstance("DSA");
            dsa.initialize(2048);
            X509Certificate leaf = RawCertificate.leaf("localhost")
                    .keys(dsa.generateKeyPair())
                    .issuedBy(PKI.intermediate)
                    .build();
            assertThat(validate(leaf, "localhost", WEBPKI).outcome()).isEqualTo(Outcome.rejected(ReasonCode.WEAK_KEY));
            assertThat(validate(leaf, "localhost", ARTICLE).accepted()).isTrue();
        }

        @Test
        void rsaModulusIsAMultipleOf8Bits() throws Exception {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2052);
            KeyPair odd = rsa.generateKeyPair();
            X509Certificate leaf = RawCertificate.leaf("localhost")
                    .keys(odd)
                    .issuedBy(PKI.intermediate)
                    .build();
            assertThat(validate(leaf, "localhost", WEBPKI).outcome())
                    .isEqualTo(Outcome.rejected(ReasonCode.PROFILE_VIOLATION));
            assertThat(validate(leaf, "localhost", ARTICLE).accepted()).isTrue();
        }
    }

    @Nested
    class Extensions {
        @Test
        void authorityKeyIdentifierIsABareKeyIdentifier() throws Exception { // BR 7.1.2.11.1
            org.bouncycastle.asn1.x509.AuthorityKeyIdentifier withIssuer =
                    new org.bouncycastle.asn1.x509.AuthorityKeyIdentifier(
                            new org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils()
                                    .createAuthorityKeyIdentifier(
                                            PKI.intermediate.certificate().getPublicKey())
                                    .getKeyIdentifierOctets(),
                            new GeneralNames(new GeneralName(GeneralName.directoryName, "CN=Test Root")),
                            java.math.BigInteger.TEN);
            X509Certificate leaf = RawCertificate.leaf("localhost")
                    .extension(Extension.authorityKeyIdentifier, false, withIssuer)
                    .issuedBy(PKI.intermediate)
                    .build();
            assertThat(validate(leaf, "localhost", WEBPKI).outcome())
                    .isEqualTo(Outcome.rejected(ReasonCode.PROFILE_VIOLATION));
            assertThat(validate(leaf, "localhost", ARTICLE).accepted()).isTrue();
        }

        @Test
        void sanIsNotCriticalWhenTheSubjectIsNotEmpty() { // BR 7.1.2.7.12
            X509Certificate leaf = RawCertificate.leaf("localhost")
                    .extension(Extension.subjectAlternativeName, true, new GeneralNames(dns("localhost")))
                    .issuedBy(PKI.intermediate)
                    .build();
            assertThat(validate(leaf, "localhost", WEBPKI).outcome())
                    .isEqualTo(Outcome.rejected(ReasonCode.PROFILE_VIOLATION));
            assertThat(validate(leaf, "localhost", ARTICLE).accepted()).isTrue();
        }

        @Test
        void authorityInformationAccessIsHttpOcspOrCaIssuersAndNotCritical() { // BR 7.1.2.7.7
            AuthorityInformationAccess http = new AuthorityInformationAccess(new AccessDescription(
                    AccessDescription.id_ad_caIssuers,
                    new GeneralName(GeneralName.uniformResourceIdentifier, "http://ca.example/int.der")));
            AuthorityInformationAccess ldap = new AuthorityInformationAccess(new AccessDescription(
                    AccessDescription.id_ad_ocsp,
                    new GeneralName(GeneralName.uniformResourceIdentifier, "ldap://ca.example/cn=ocsp")));
            X509Certificate good = RawCertificate.leaf("localhost")
                    .extension(Extension.authorityInfoAccess, false, http)
                    .issuedBy(PKI.intermediate)
                    .build();
            X509Certificate critical = RawCertificate.leaf("localhost")
                    .extension(Extension.authorityInfoAccess, true, http)
                    .issuedBy(PKI.intermediate)
                    .build();
            X509Certificate notHttp = RawCertificate.leaf("localhost")
                    .extension(Extension.authorityInfoAccess, false, ldap)
                    .issuedBy(PKI.intermediate)
                    .build();
            assertThat(validate(good, "localhost", WEBPKI).accepted()).isTrue();
            assertThat(validate(notHttp, "localhost", WEBPKI).outcome())
                    .isEqualTo(Outcome.rejected(ReasonCode.PROFILE_VIOLATION));
            assertThat(validate(notHttp, "localhost", ARTICLE).accepted()).isTrue();
            assertThat(validate(critical, "localhost", WEBPKI).accepted()).isFalse();
            assertThat(validate(critical, "localhost", ARTICLE).outcome())
                    .as("AIA is not processed, so critical AIA is refused by RFC 5280 4.2 in both profiles")
                    .isEqualTo(Outcome.rejected(ReasonCode.UNHANDLED_CRITICAL_EXTENSION));
        }
    }
}
