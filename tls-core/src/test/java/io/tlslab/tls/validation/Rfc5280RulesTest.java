package io.tlslab.tls.validation;

import static io.tlslab.ca.testing.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.KeyUsageFlag;
import io.tlslab.ca.testing.TestPki;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PolicyConstraints;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * RFC 5280 rules a strict client enforces (issue 14 item 3), each on a certificate minted to break exactly
 * that rule next to one that keeps it. Section numbers are RFC 5280's.
 */
class Rfc5280RulesTest {
    static final ASN1ObjectIdentifier PRIVATE_EXTENSION = new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1.1");
    static final ASN1ObjectIdentifier UPN = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");
    private static final TestPki PKI = TestPki.atFixedTime();

    static Verdict validate(X509Certificate leaf, X509Certificate... intermediates) {
        List<X509Certificate> served = new java.util.ArrayList<>(List.of(leaf));
        served.addAll(List.of(intermediates));
        return TestValidators.trusting(PKI).validate(served, "localhost", NOW, ValidationPolicy.strict());
    }

    static Verdict leafUnderIntermediate(RawCertificate leaf) {
        return validate(leaf.issuedBy(PKI.intermediate).build(), PKI.intermediate.certificate());
    }

    /** A leaf for localhost under {@code ca}, itself issued by the test root. */
    static Verdict leafUnder(HeldCertificate ca) {
        return validate(PKI.leaf("localhost").signedBy(ca).build().certificate(), ca.certificate());
    }

    static Outcome rejected(ReasonCode reason) {
        return Outcome.rejected(reason);
    }

    @Test
    void baselineRawLeafIsAccepted() {
        assertThat(leafUnderIntermediate(RawCertificate.leaf("localhost")).outcome())
                .isEqualTo(Outcome.accepted());
    }

    @Nested
    class CriticalExtensions {
        @Test
        void unknownCriticalExtensionRejectsAndTheSameNonCriticalDoesNot() { // 4.2
            Verdict critical = leafUnderIntermediate(RawCertificate.leaf("localhost")
                    .extension(PRIVATE_EXTENSION, true, new DERUTF8String("must understand")));
            assertThat(critical.outcome()).isEqualTo(rejected(ReasonCode.UNHANDLED_CRITICAL_EXTENSION));
            assertThat(leafUnderIntermediate(RawCertificate.leaf("localhost")
                                    .extension(PRIVATE_EXTENSION, false, new DERUTF8String("may ignore")))
                            .outcome())
                    .isEqualTo(Outcome.accepted());
        }

        @Test
        void unknownCriticalExtensionInAnIntermediate() {
            HeldCertificate ca = RawCertificate.ca("CN=Critical Int")
                    .keys(RawCertificate.ecKeys())
                    .extension(PRIVATE_EXTENSION, true, DERNull.INSTANCE)
                    .issuedBy(PKI.root)
                    .held();
            Verdict v = leafUnder(ca);
            assertThat(v.outcome()).isEqualTo(rejected(ReasonCode.UNHANDLED_CRITICAL_EXTENSION));
            assertThat(v.findings().get(0).certificateIndex()).isEqualTo(1);
        }

        @Test
        void policyMappingsMarkedCriticalAreNotProcessedSoTheyReject() {
            HeldCertificate ca = RawCertificate.ca("CN=Mapping Int")
                    .keys(RawCertificate.ecKeys())
                    .extension(
                            Extension.policyMappings, true, new DERSequence(new DERSequence(new ASN1EncodableVector() {
                                {
                                    add(new ASN1ObjectIdentifier("1.2.3.4"));
                                    add(new ASN1ObjectIdentifier("1.2.3.5"));
                                }
                            })))
                    .issuedBy(PKI.root)
                    .held();
            assertThat(leafUnder(ca).outcome()).isEqualTo(rejected(ReasonCode.UNHANDLED_CRITICAL_EXTENSION));
        }
    }

    /**
     * RFC 5280 6.1.4 (a)/(b): tlslab keeps no valid_policy_tree with mappings, so a critical policyMappings
     * is refused as unprocessed (above); a non-critical one is ignored, which can only refuse more (a mapped
     * policy is not found below), never accept more, except for the one rule that needs no tree: anyPolicy
     * on either side of a mapping makes the path invalid, critical or not.
     */
    @Nested
    class PolicyMappings {
        private HeldCertificate mappingCa(String from, String to) {
            return RawCertificate.ca("CN=Mapping Int " + from + " " + to)
                    .keys(RawCertificate.ecKeys())
                    .extension(
                            Extension.policyMappings, false, new DERSequence(new DERSequence(new ASN1EncodableVector() {
                                {
                                    add(new ASN1ObjectIdentifier(from));
                                    add(new ASN1ObjectIdentifier(to));
                                }
                            })))
                    .issuedBy(PKI.root)
                    .held();
        }

        @Test
        void aNonCriticalMappingIsIgnored() {
            assertThat(leafUnder(mappingCa("1.2.3.4", "1.2.3.5")).outcome()).isEqualTo(Outcome.accepted());
        }

        @Test
        void mappingFromAnyPolicyInvalidatesThePath() { // 6.1.4 (a)
            Verdict v = leafUnder(mappingCa("2.5.29.32.0", "1.2.3.5"));
            assertThat(v.outcome()).isEqualTo(rejected(ReasonCode.PROFILE_VIOLATION));
            assertThat(v.findings()).singleElement().satisfies(f -> {
                assertThat(f.certificateIndex()).isEqualTo(1);
                assertThat(f.detail()).contains("6.1.4 (a)");
            });
        }

        @Test
        void mappingToAnyPolicyInvalidatesThePath() { // 6.1.4 (a)
            assertThat(leafUnder(mappingCa("1.2.3.4", "2.5.29.32.0")).outcome())
                    .isEqualTo(rejected(ReasonCode.PROFILE_VIOLATION));
        }
    }

    @Nested
    class UndecodableExtensions {
        /** A SAN whose bytes do not decode must not count as "no SAN", or the CN would match. */
        @Test
        void undecodableSanIsARejectionNotAnAbsentSan() {
            Verdict v = leafUnderIntermediate(RawCertificate.leaf("localhost")
                    .rawExtension(
                            Extension.subjectAlternativeName, false, new byte[] {0x30, 0x05, (byte) 0x82, 0x09, 'l'}));
            assertThat(v.accepted()).isFalse();
            assertThat(v.outcome()).isEqualTo(rejected(ReasonCode.HOSTNAME_MISMATCH));
            assertThat(v.findings()).anySatisfy(f -> assertThat(f.detail()).contains("does not decode"));
        }

        /**
         * X.690 leaves universal tag 15 reserved: the JDK keeps such a subject value as opaque bytes,
         * Bouncy Castle refuses the certificate. Correctly signed over those bytes, it must come out as a
         * verdict (not valid DER), never as an exception in the middle of a handshake.
         */
        @Test
        void aSubjectValueWithAReservedTagIsAProfileViolationNotACrash() throws Exception {
            X509Certificate good = PKI.leaf("localhost").build().certificate();
            byte[] tbs = good.getTBSCertificate();
            byte[] cn = {0x0C, 0x09, 'l', 'o', 'c', 'a', 'l', 'h', 'o', 's', 't'};
            int at = DerBytes.indexOf(tbs, cn);
            assertThat(at).as("the subject's CN as a UTF8String").isPositive();
            tbs[at] = 0x0F;
            java.security.Signature signer = java.security.Signature.getInstance(good.getSigAlgName());
            signer.initSign(PKI.intermediate.privateKey());
            signer.update(tbs);
            byte[] signature = signer.sign();
            byte[] algorithm = org.bouncycastle.asn1.x509.Certificate.getInstance(good.getEncoded())
                    .getSignatureAlgorithm()
                    .getEncoded();
            byte[] bits = new byte[signature.length + 1]; // no unused bits
            System.arraycopy(signature, 0, bits, 1, signature.length);
            X509Certificate odd = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(
                            DerBytes.tlv(0x30, DerBytes.concat(tbs, algorithm, DerBytes.tlv(0x03, bits)))));

            Verdict v = validate(odd, PKI.intermediate.certificate());

            assertThat(v.outcome()).isEqualTo(rejected(ReasonCode.PROFILE_VIOLATION));
            assertThat(v.findings()).anySatisfy(f -> assertThat(f.detail()).contains("not valid DER"));
        }

        @Test
        void undecodableExtendedKeyUsageIsBadKeyUsage() {
            Verdict v = leafUnderIntermediate(RawCertificate.leaf("localhost")
                    .rawExtension(Extension.extendedKeyUsage, false, new byte[] {0x30, 0x03, 0x06, 0x01}));
            assertThat(v.outcome()).isEqualTo(rejected(ReasonCode.BAD_KEY_USAGE));
        }

        @Test
        void undecodableAuthorityKeyIdentifierIsAProfileViolation() {
            Verdict v = leafUnderIntermediate(RawCertificate.leaf("localhost")
                    .rawExtension(Extension.authorityKeyIdentifier, false, new byte[] {0x04, 0x02, 0x01}));
            assertThat(v.outcome()).isEqualTo(rejected(ReasonCode.PROFILE_VIOLATION));
        }
    }

    @Nested
    class NameConstraintForms {
        private HeldCertificate constrainedCa(GeneralSubtree[] permitted, GeneralSubtree[] excluded) {
            return constrainedCa(permitted, excluded, true);
        }

        /**
         * The JDK's certificate parser itself refuses a critical name constraints extension it cannot parse
         * (malformed IP constraints), so those are minted non-critical: the JDK then keeps the certificate
         * and tlslab, which processes name constraints whatever their criticality, must refuse them.
         */
        private HeldCertificate constrainedCa(GeneralSubtree[] permitted, GeneralSubtree[] excluded, boolean critical) {
            return RawCertificate.ca("CN=Constrained " + System.nanoTime())
                    .keys(RawCertificate.ecKeys())
                    .extension(Extension.nameConstraints, critical, new NameConstraints(permitted, excluded))
                    .issuedBy(PKI.root)
                    .held();
        }

        private GeneralSubtree dns(String name) {
            return new GeneralSubtree(new GeneralName(GeneralName.dNSName, name));
        }

        private Verdict leafWithSans(HeldCertificate ca, String host, GeneralName... sans) {
            X509Certificate leaf = RawCertificate.leaf(host)
                    .extension(Extension.subjectAlternativeName, false, new GeneralNames(sans))
                    .issuedBy(ca)
                    .build();
            return TestValidators.trusting(PKI)
                    .validate(List.of(leaf, ca.certificate()), host, NOW, ValidationPolicy.strict());
        }

        /** 4.2.1.10 applied to the names a wildcard covers: *.example.com covers secret.example.com. */
        @Test
        void wildcardSanIsHeldAgainstAnExcludedSubtreeItCovers() {
            HeldCertificate ca = constrainedCa(null, new GeneralSubtree[] {dns("secret.example.com")});
            assertThat(leafWithSans(ca, "www.example.com", new GeneralName(GeneralName.dNSName, "*.example.com"))
                            .outcome())
                    .isEqualTo(rejected(ReasonCode.NAME_CONSTRAINTS));
            assertThat(leafWithSans(ca, "www.example.com", new GeneralName(GeneralName.dNSName, "www.example.com"))
                            .outcome())
                    .isEqualTo(Outcome.accepted());
            HeldCertificate deeper = constrainedCa(null, new GeneralSubtree[] {dns("a.secret.example.com")});
            assertThat(leafWithSans(deeper, "www.example.com", new GeneralName(GeneralName.dNSName, "*.example.com"))
                            .outcome())
                    .as("*.example.com covers no name below secret.example.com")
                    .isEqualTo(Outcome.accepted());
        }

        @Test
        void wildcardSanMustLieWhollyInAPermittedSubtree() {
            HeldCertificate narrow = constrainedCa(new GeneralSubtree[] {dns("www.example.com")}, null);
            assertThat(leafWithSans(narrow, "www.example.com", new GeneralName(GeneralName.dNSName, "*.example.com"))
                            .outcome())
                    .isEqualTo(rejected(ReasonCode.NAME_CONSTRAINTS));
            HeldCertificate wide = constrainedCa(new GeneralSubtree[] {dns("example.com")}, null);
            assertThat(leafWithSans(wide, "www.example.com", new GeneralName(GeneralName.dNSName, "*.example.com"))
                            .outcome())
                    .isEqualTo(Outcome.accepted());
        }

        @Test
        void leadingDotConstraintMeansSubdomainsOnly() {
            HeldCertificate ca = constrainedCa(new GeneralSubtree[] {dns(".example.com")}, null);
            assertThat(leafWithSans(ca, "www.example.com", new GeneralName(GeneralName.dNSName, "www.example.com"))
                            .outcome())
                    .isEqualTo(Outcome.accepted());
            assertThat(leafWithSans(ca, "example.com", new GeneralName(GeneralName.dNSName, "example.com"))
                            .outcome())
                    .isEqualTo(rejected(ReasonCode.NAME_CONSTRAINTS));
            assertThat(leafWithSans(ca, "badexample.com", new GeneralName(GeneralName.dNSName, "badexample.com"))
                            .outcome())
                    .isEqualTo(rejected(ReasonCode.NAME_CONSTRAINTS));
        }

        /** A name form the validator cannot evaluate under a constraint on that form is refused (4.2.1.10). */
        @Test
        void otherNameUnderAnOtherNameConstraintIsRefusedButUnderOnlyDnsConstraintsIsNot() {
            GeneralName upn = new GeneralName(GeneralName.otherName, new DERSequence(new ASN1EncodableVector() {
                {
                    add(UPN);
                    add(new DERTaggedObject(true, 0, new DERUTF8String("admin@example.com")));
                }
            }));
            GeneralName localhost = new GeneralName(GeneralName.dNSName, "localhost");
            HeldCertificate onOtherName =
                    constrainedCa(new GeneralSubtree[] {dns("localhost"), new GeneralSubtree(upn)}, null);
            assertThat(leafWithSans(onOtherName, "localhost", localhost, upn).outcome())
                    .isEqualTo(rejected(ReasonCode.NAME_CONSTRAINTS));
            HeldCertificate onDnsOnly = constrainedCa(new GeneralSubtree[] {dns("localhost")}, null);
            assertThat(leafWithSans(onDnsOnly, "localhost", localhost, upn).outcome())
                    .isEqualTo(Outcome.accepted());
        }

        @Test
        void malformedIpSanUnderAnIpConstraintIsRefused() {
            GeneralSubtree tenSlash8 = new GeneralSubtree(new GeneralName(
                    GeneralName.iPAddress, new DEROctetString(new byte[] {10, 0, 0, 0, (byte) 255, 0, 0, 0})));
            HeldCertificate ca = constrainedCa(null, new GeneralSubtree[] {tenSlash8});
            GeneralName fiveOctets =
                    new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[] {10, 1, 2, 3, 4}));
            Verdict v = leafWithSans(ca, "localhost", new GeneralName(GeneralName.dNSName, "localhost"), fiveOctets);
            assertThat(v.outcome()).isEqualTo(rejected(ReasonCode.NAME_CONSTRAINTS));
            assertThat(v.failedChecks()).contains(ReasonCode.PROFILE_VIOLATION);
            GeneralName inside = new GeneralName(GeneralName.iPAddress, "10.9.8.7");
            GeneralName outside = new GeneralName(GeneralName.iPAddress, "192.0.2.1");
            assertThat(leafWithSans(ca, "10.9.8.7", inside).outcome()).isEqualTo(rejected(ReasonCode.NAME_CONSTRAINTS));
            assertThat(leafWithSans(ca, "192.0.2.1", outside).outcome()).isEqualTo(Outcome.accepted());
        }

        @Test
        void malformedOrEmptyConstraintsAreRefused() {
            GeneralSubtree sevenOctets = new GeneralSubtree(new GeneralName(
                    GeneralName.iPAddress, new DEROctetString(new byte[] {10, 0, 0, 0, (byte) 255, 0, 0})));
            GeneralSubtree holeyMask = new GeneralSubtree(new GeneralName(
                    GeneralName.iPAddress, new DEROctetString(new byte[] {10, 0, 0, 0, (byte) 255, 0, (byte) 255, 0})));
            GeneralSubtree withMinimum =
                    new GeneralSubtree(new GeneralName(GeneralName.dNSName, "example.com"), BigInteger.ONE, null);
            for (GeneralSubtree[] bad : List.of(
                    new GeneralSubtree[] {sevenOctets},
                    new GeneralSubtree[] {holeyMask},
                    new GeneralSubtree[] {withMinimum},
                    new GeneralSubtree[] {dns("")},
                    new GeneralSubtree[] {dns("exa mple.com")})) {
                assertThat(leafUnder(constrainedCa(null, bad, false)).outcome())
                        .as("excluded %s", (Object) bad)
                        .isEqualTo(rejected(ReasonCode.NAME_CONSTRAINTS));
            }
            HeldCertificate empty = RawCertificate.ca("CN=Empty NC")
                    .keys(RawCertificate.ecKeys())
                    .rawExtension(Extension.nameConstraints, true, new byte[] {0x30, 0x00})
                    .issuedBy(PKI.root)
                    .held();
            assertThat(leafUnder(empty).outcome()).isEqualTo(rejected(ReasonCode.NAME_CONSTRAINTS));
        }

        @Test
        void nameConstraintsInALeafAreRefused() {
            Verdict v = leafUnderIntermediate(RawCertificate.leaf("localhost")
                    .extension(
                            Extension.nameConstraints,
                            true,
                            new NameConstraints(new GeneralSubtree[] {dns("localhost")}, null)));
            assertThat(v.outcome()).isEqualTo(rejected(ReasonCode.NAME_CONSTRAINTS));
        }
    }

    @Nested
    class Usage {
        private HeldCertificate intermediateWithEku(KeyPurposeId... purposes) {
            return RawCertificate.ca("CN=EKU Int " + purposes.length + purposes[0])
                    .keys(RawCertificate.ecKeys())
                    .extension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes))
                    .issuedBy(PKI.root)
                    .held();
        }

        @Test
        void intermediateEkuMustAllowServerAuthWhenPresent() {
            assertThat(leafUnder(intermediateWithEku(KeyPurposeId.id_kp_clientAuth))
                            .outcome())
                    .isEqualTo(rejected(ReasonCode.BAD_KEY_USAGE));
            assertThat(leafUnder(intermediateWithEku(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth))
                            .outcome())
                    .isEqualTo(Outcome.accepted());
            assertThat(leafUnder(intermediateWithEku(KeyPurposeId.anyExtendedKeyUsage))
                            .outcome())
                    .isEqualTo(Outcome.accepted());
        }

        @Test
        void keyCertSignOnANonCaLeafIsBadKeyUsage() { // 4.2.1.9
            HeldCertificate leaf = PKI.leaf("localhost")
                    .keyUsage(KeyUsageFlag.DIGITAL_SIGNATURE, KeyUsageFlag.KEY_CERT_SIGN)
                    .build();
            assertThat(validate(leaf.certificate(), PKI.intermediate.certificate())
                            .outcome())
                    .isEqualTo(rejected(ReasonCode.BAD_KEY_USAGE));
        }
    }

    @Nested
    class Profile {
        @Test
        void serialNumberMustBePositiveAndAtMost20Octets() { // 4.1.2.2
            for (BigInteger bad : List.of(BigInteger.ZERO, BigInteger.valueOf(-5), BigInteger.ONE.shiftLeft(160))) {
                assertThat(leafUnderIntermediate(
                                        RawCertificate.leaf("localhost").serial(bad))
                                .outcome())
                        .as("serial %s", bad)
                        .isEqualTo(rejected(ReasonCode.PROFILE_VIOLATION));
            }
            assertThat(leafUnderIntermediate(RawCertificate.leaf("localhost").serial(BigInteger.ONE.shiftLeft(158)))
                            .outcome())
                    .as("20 octets")
                    .isEqualTo(Outcome.accepted());
        }

        @Test
        void authorityKeyIdentifierPresentAndNotCritical() { // 4.2.1.1
            assertThat(leafUnderIntermediate(RawCertificate.leaf("localhost").withoutAuthorityKeyId())
                            .outcome())
                    .isEqualTo(rejected(ReasonCode.PROFILE_VIOLATION));
            org.bouncycastle.asn1.x509.AuthorityKeyIdentifier aki =
                    new org.bouncycastle.asn1.x509.AuthorityKeyIdentifier(new byte[] {1, 2, 3});
            assertThat(leafUnderIntermediate(RawCertificate.leaf("localhost")
                                    .extension(Extension.authorityKeyIdentifier, true, aki))
                            .outcome())
                    .isEqualTo(rejected(ReasonCode.PROFILE_VIOLATION));
        }

        @Test
        void subjectKeyIdentifierRequiredOnCasOnly() { // 4.2.1.2
            HeldCertificate noSki = RawCertificate.ca("CN=No SKI Int")
                    .keys(RawCertificate.ecKeys())
                    .withoutSubjectKeyId()
                    .issuedBy(PKI.root)
                    .held();
            assertThat(leafUnder(noSki).outcome()).isEqualTo(rejected(ReasonCode.PROFILE_VIOLATION));
            assertThat(leafUnderIntermediate(RawCertificate.leaf("localhost").withoutSubjectKeyId())
                            .outcome())
                    .as("SHOULD for an end entity, not MUST")
                    .isEqualTo(Outcome.accepted());
        }

        @Test
        void caBasicConstraintsMustBeCritical() { // 4.2.1.9
            HeldCertificate nonCritical = RawCertificate.ca("CN=Soft BC Int")
                    .keys(RawCertificate.ecKeys())
                    .extension(Extension.basicConstraints, false, new BasicConstraints(true))
                    .issuedBy(PKI.root)
                    .held();
            assertThat(leafUnder(nonCritical).outcome()).isEqualTo(rejected(ReasonCode.PROFILE_VIOLATION));
        }

        @Test
        void policyConstraintsMustBeCriticalAndAreEnforced() { // 4.2.1.11, 6.1
            PolicyConstraints requireNow = new PolicyConstraints(BigInteger.ZERO, null);
            HeldCertificate soft = RawCertificate.ca("CN=Soft PC Int")
                    .keys(RawCertificate.ecKeys())
                    .extension(Extension.policyConstraints, false, requireNow)
                    .extension(
                            Extension.certificatePolicies,
                            false,
                            new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier("2.23.140.1.2.1"))))
                    .issuedBy(PKI.root)
                    .held();
            assertThat(leafUnder(soft).outcome()).isEqualTo(rejected(ReasonCode.PROFILE_VIOLATION));

            HeldCertificate requiring = RawCertificate.ca("CN=Explicit Policy Int")
                    .keys(RawCertificate.ecKeys())
                    .extension(Extension.policyConstraints, true, requireNow)
                    .extension(
                            Extension.certificatePolicies,
                            false,
                            new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier("2.23.140.1.2.1"))))
                    .issuedBy(PKI.root)
                    .held();
            Verdict noPolicyLeaf = leafUnder(requiring);
            assertThat(noPolicyLeaf.outcome())
                    .as("leaf without a policy under requireExplicitPolicy 0")
                    .isEqualTo(rejected(ReasonCode.PROFILE_VIOLATION));
            X509Certificate withPolicy = RawCertificate.leaf("localhost")
                    .extension(
                            Extension.certificatePolicies,
                            false,
                            new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier("2.23.140.1.2.1"))))
                    .issuedBy(requiring)
                    .build();
            assertThat(validate(withPolicy, requiring.certificate()).outcome()).isEqualTo(Outcome.accepted());
        }

        @Test
        void dnsSanMustUseThePreferredNameSyntax() { // 4.2.1.6, RFC 1034 3.5
            Verdict underscore = leafUnderIntermediate(RawCertificate.leaf("localhost")
                    .extension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.dNSName, "my_host.example.com")
                    })));
            assertThat(underscore.outcome()).isEqualTo(rejected(ReasonCode.PROFILE_VIOLATION));
        }

        /** The JDK's parser already refuses the non-critical form, so only the conforming one reaches tlslab. */
        @Test
        void emptySubjectWithACriticalSanIsAccepted() { // 4.2.1.6
            X509Certificate critical = RawCertificate.subject("")
                    .endEntity()
                    .extension(
                            Extension.subjectAlternativeName,
                            true,
                            new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")))
                    .issuedBy(PKI.intermediate)
                    .build();
            assertThat(validate(critical, PKI.intermediate.certificate()).outcome())
                    .isEqualTo(Outcome.accepted());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RawCertificate.subject("")
                            .endEntity()
                            .extension(
                                    Extension.subjectAlternativeName,
                                    false,
                                    new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")))
                            .issuedBy(PKI.intermediate)
                            .build())
                    .hasMessageContaining("MUST be marked critical");
        }
    }
}
