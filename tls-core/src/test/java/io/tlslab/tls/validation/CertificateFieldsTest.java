package io.tlslab.tls.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.scenario.ScenarioMinter;
import io.tlslab.protocol.validation.ReasonCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;

/**
 * {@link CertificateFields} may only make decoding faster: wherever it accepts a certificate, Bouncy Castle's
 * parser must accept it too and every decoded fact must be the same; wherever Bouncy Castle refuses (and
 * the JDK does not), it must decline so that the refusal (PROFILE_VIOLATION "not valid DER") stays.
 */
class CertificateFieldsTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    /** Every certificate the scenario catalogue mints: served chains and trust anchors of every scenario. */
    private static List<X509Certificate> catalogue() {
        ScenarioMinter minter = new ScenarioMinter(Clock.fixed(NOW, ZoneOffset.UTC), true);
        Set<X509Certificate> all = new LinkedHashSet<>();
        for (MintedScenario m : minter.mintAll("localhost")) {
            all.addAll(m.servedChain());
            all.addAll(m.trustAnchors());
        }
        return new ArrayList<>(all);
    }

    @Test
    void everyCatalogueCertificateDecodesTheSameAsWithBouncyCastle() throws Exception {
        int fast = 0;
        for (X509Certificate c : catalogue()) {
            CertificateFields fields = CertificateFields.read(c.getEncoded());
            if (fields != null) {
                fast++;
                assertThatCode(() -> Certificate.getInstance(c.getEncoded())).doesNotThrowAnyException();
            }
            assertThat(facts(DecodedCertificate.of(c)))
                    .as("%s", c.getSubjectX500Principal())
                    .isEqualTo(facts(DecodedCertificate.withBouncyCastle(c)));
        }
        assertThat(fast).as("plain v3 certificates take the one-pass path").isGreaterThan(50);
    }

    /**
     * Thousands of certificates with one byte changed (seeded, so reproducible): for each the JDK still
     * parses, one pass accepting it implies Bouncy Castle accepts it with the same facts.
     */
    @Test
    void mutatedCertificatesNeverDecodeDifferently() throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> seeds = catalogue().subList(0, 40);
        Random random = new Random(20261130L);
        int parsedByJdk = 0;
        int accepted = 0;
        int declined = 0;
        int fromBytes = 0;
        for (X509Certificate seed : seeds) {
            byte[] original = seed.getEncoded();
            int tbsEnd = Math.min(
                    original.length,
                    4
                            + ASN1Sequence.getInstance(original)
                                    .getObjectAt(0)
                                    .toASN1Primitive()
                                    .getEncoded()
                                    .length);
            for (int i = 0; i < 150; i++) {
                byte[] der = original.clone();
                int at = random.nextInt(tbsEnd); // the signed part, where the structure is
                der[at] = (byte) (random.nextInt(3) == 0 ? der[at] ^ (1 << random.nextInt(8)) : random.nextInt(256));
                X509Certificate mutated;
                try {
                    mutated = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
                } catch (Exception | Error refusedByJdk) {
                    continue;
                }
                parsedByJdk++;
                CertificateFields fields = CertificateFields.read(mutated.getEncoded());
                if (fields != null) {
                    accepted++;
                    assertThatCode(() -> Certificate.getInstance(mutated.getEncoded()))
                            .as("byte %d of %s", at, seed.getSubjectX500Principal())
                            .doesNotThrowAnyException();
                    if (PublicKeys.decode(fields.keyAlgorithmId(), fields.keyEncoding()) != null) {
                        fromBytes++; // (a key only the JDK's parser decodes is read through it: the parsed copy below)
                        assertThat(factsOrFailure(() -> DecodedCertificate.of(BytesOnlyCertificate.of(mutated))))
                                .as("from the bytes only: byte %d of %s", at, seed.getSubjectX500Principal())
                                .isEqualTo(factsOrFailure(() -> DecodedCertificate.withBouncyCastle(mutated)));
                    }
                } else {
                    declined++;
                }
                assertThat(factsOrFailure(() -> DecodedCertificate.of(mutated)))
                        .as("byte %d of %s", at, seed.getSubjectX500Principal())
                        .isEqualTo(factsOrFailure(() -> DecodedCertificate.withBouncyCastle(mutated)));
            }
        }
        assertThat(parsedByJdk).isGreaterThan(500);
        assertThat(accepted).isGreaterThan(100);
        assertThat(declined).isGreaterThan(10);
        assertThat(fromBytes).isGreaterThan(100);
    }

    /** What a signature check and the names read from the bytes is what the JDK's getters give. */
    @Test
    void signedBytesSignatureAlgorithmAndKeyAreReadAsTheJdkReadsThem() throws Exception {
        int parameterless = 0;
        for (X509Certificate c : catalogue()) {
            CertificateFields fields = CertificateFields.read(c.getEncoded());
            if (fields == null) {
                continue;
            }
            assertThat(Arrays.copyOfRange(fields.der, fields.tbsStart, fields.tbsEnd))
                    .isEqualTo(c.getTBSCertificate());
            assertThat(fields.signatureValue()).isEqualTo(c.getSignature());
            assertThat(fields.signatureAlgorithmId()).isEqualTo(c.getSigAlgOID());
            String name = SignatureAlgorithms.parameterlessName(
                    fields.signatureAlgorithmId(), fields.signatureAlgorithmParameters());
            if (name != null) {
                parameterless++;
                assertThat(name).isEqualToIgnoringCase(c.getSigAlgName());
            }
            DecodedCertificate facts = DecodedCertificate.of(BytesOnlyCertificate.of(c)); // from the bytes only
            assertThat(facts.publicKey()).isEqualTo(c.getPublicKey());
            assertThat(facts.subjectPrincipal()).isEqualTo(c.getSubjectX500Principal());
            assertThat(facts.issuerPrincipal()).isEqualTo(c.getIssuerX500Principal());
            assertThat(facts.digest).isEqualTo(SignatureAlgorithms.digestOf(c));
        }
        assertThat(parameterless).as("RSA and ECDSA signatures by name").isGreaterThan(50);
    }

    /** The JDK's parser refuses a certificate naming two signature algorithms; one pass leaves it to the JDK. */
    @Test
    void aCertificateWhoseOuterSignatureAlgorithmDiffersIsDeclined() throws Exception {
        X509Certificate c = catalogue().get(0);
        Certificate parsed = Certificate.getInstance(c.getEncoded());
        org.bouncycastle.asn1.x509.AlgorithmIdentifier other = new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                org.bouncycastle.asn1.x9.X9ObjectIdentifiers.ecdsa_with_SHA512);
        assertThat(other).isNotEqualTo(parsed.getSignatureAlgorithm());
        byte[] mismatched = new org.bouncycastle.asn1.DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                    parsed.getTBSCertificate(), other, parsed.getSignature()
                })
                .getEncoded();
        assertThat(CertificateFields.read(c.getEncoded())).isNotNull();
        assertThat(CertificateFields.read(mismatched)).isNull();
    }

    /** UTCTime up to 2049, GeneralizedTime from 2050 (RFC 5280 4.1.2.5), at the edges of both and of a day. */
    @Test
    void validityAndKeyAreReadAsTheJdkReadsThem() throws Exception {
        List<X509Certificate> certificates = new ArrayList<>(catalogue());
        Instant[][] validities = {
            {Instant.parse("1950-01-01T00:00:00Z"), Instant.parse("2049-12-31T23:59:59Z")},
            {Instant.parse("1999-12-31T23:59:59Z"), Instant.parse("2050-01-01T00:00:00Z")},
            {Instant.parse("2024-02-29T12:30:45Z"), Instant.parse("9999-12-31T23:59:59Z")}
        };
        for (Instant[] validity : validities) {
            certificates.add(RawCertificate.leaf("localhost")
                    .validity(validity[0], validity[1])
                    .build());
        }
        for (X509Certificate c : certificates) {
            CertificateFields fields = CertificateFields.read(c.getEncoded());
            if (fields == null) {
                continue;
            }
            DecodedCertificate facts = DecodedCertificate.of(c);
            assertThat(facts.notBeforeMillis).isEqualTo(c.getNotBefore().getTime());
            assertThat(facts.notAfterMillis).isEqualTo(c.getNotAfter().getTime());
            assertThat(facts.version).isEqualTo(c.getVersion());
            PublicKey key = KeyFactory.getInstance(c.getPublicKey().getAlgorithm())
                    .generatePublic(new X509EncodedKeySpec(facts.keyEncoding));
            assertThat(key).isEqualTo(c.getPublicKey());
        }
        for (X509Certificate minted :
                certificates.subList(certificates.size() - validities.length, certificates.size())) {
            assertThat(CertificateFields.read(minted.getEncoded()))
                    .as("read in one pass")
                    .isNotNull();
        }
    }

    @Test
    void aDuplicateExtensionIsLeftToBouncyCastleWhichRefusesIt() throws Exception {
        X509Certificate plain = RawCertificate.leaf("localhost").build();
        byte[] der = withDuplicatedExtension(plain.getEncoded());
        X509Certificate duplicated = parseOrNull(der);
        assertThat(CertificateFields.read(der)).isNull();
        if (duplicated != null) { // a JDK that accepts it: the decoded form must carry the refusal
            assertThat(DecodedCertificate.of(duplicated).problems)
                    .extracting(DecodedCertificate.Problem::reason)
                    .containsExactly(ReasonCode.PROFILE_VIOLATION);
        }
    }

    @Test
    void nonMinimalLengthsAndIntegersAreDeclined() throws Exception {
        byte[] der = RawCertificate.leaf("localhost").build().getEncoded();
        assertThat(CertificateFields.read(der)).isNotNull();
        // the serial INTEGER 4242 (02 02 10 92) with a redundant leading zero, lengths adjusted
        byte[] serial = {0x02, 0x02, 0x10, (byte) 0x92};
        int at = DerBytes.indexOf(der, serial);
        assertThat(at).isPositive();
        byte[] padded = {0x02, 0x03, 0x00, 0x10, (byte) 0x92};
        assertThat(CertificateFields.read(rebuild(der, at, serial.length, padded)))
                .isNull();
        // trailing octets after the certificate
        assertThat(CertificateFields.read(Arrays.copyOf(der, der.length + 1))).isNull();
        // the outer length in a longer form than needed (30 82 xx xx -> 30 83 00 xx xx)
        byte[] longForm = new byte[der.length + 1];
        longForm[0] = 0x30;
        longForm[1] = (byte) 0x83;
        longForm[2] = 0;
        System.arraycopy(der, 2, longForm, 3, der.length - 2);
        assertThat(der[1]).isEqualTo((byte) 0x82);
        assertThat(CertificateFields.read(longForm)).isNull();
    }

    /** The facts, or the exception decoding throws (then both ways must throw the same). */
    private static String factsOrFailure(java.util.function.Supplier<DecodedCertificate> decode) throws Exception {
        DecodedCertificate f;
        try {
            f = decode.get();
        } catch (RuntimeException e) {
            return "threw " + e;
        }
        return facts(f);
    }

    /** Every fact a check reads, as text (the decoded values' own encodings and strings). */
    private static String facts(DecodedCertificate f) throws Exception {
        StringBuilder s = new StringBuilder();
        s.append("subject=").append(Arrays.toString(f.subject().getEncoded()));
        s.append(" serial=").append(f.serial).append('/').append(f.serialOctets);
        s.append(" ext=").append(f.extensions == null ? "none" : Arrays.toString(f.extensions.getEncoded()));
        if (f.extensions != null) {
            for (var oid : f.extensions.getExtensionOIDs()) {
                Extension e = f.extensions.getExtension(oid);
                s.append(' ').append(oid).append(e.isCritical() ? "!" : "");
            }
        }
        s.append(" problems=").append(f.problems).append(" critical=").append(f.unprocessedCritical);
        s.append(" bc=").append(f.basicConstraints).append(" ku=").append(Arrays.toString(f.keyUsage));
        s.append(" eku=").append(f.extendedKeyUsage).append(" san=").append(Arrays.toString(f.subjectAltNames));
        s.append(" sanBad=")
                .append(f.sanUndecodable)
                .append(" nc=")
                .append(f.nameConstraints == null ? null : Arrays.toString(f.nameConstraints.getEncoded()));
        s.append(" ncBad=").append(f.nameConstraintsUndecodable);
        s.append(" aki=")
                .append(
                        f.authorityKeyIdentifier == null
                                ? null
                                : Arrays.toString(f.authorityKeyIdentifier.getEncoded()));
        s.append(" ski=")
                .append(Arrays.toString(f.subjectKeyIdentifier))
                .append(" pol=")
                .append(f.policies);
        s.append(" pc=").append(f.policyConstraints == null ? null : Arrays.toString(f.policyConstraints.getEncoded()));
        s.append(" iap=").append(f.inhibitAnyPolicy).append(" mapsAny=").append(f.mapsAnyPolicy);
        s.append(" aia=")
                .append(
                        f.authorityInformationAccess == null
                                ? null
                                : Arrays.toString(f.authorityInformationAccess.getEncoded()));
        s.append(" pathLen=").append(f.pathLenConstraint()).append(" dns=").append(f.dnsNames());
        s.append(" selfIssued=").append(f.selfIssued());
        s.append(" subjectName=")
                .append(f.subjectPrincipal())
                .append(" issuerName=")
                .append(f.issuerPrincipal());
        s.append(" key=").append(f.publicKey()).append(" digest=").append(f.digest);
        return s.toString();
    }

    private static X509Certificate parseOrNull(byte[] der) {
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (Exception e) {
            return null;
        }
    }

    /** The certificate with its first extension appearing twice (lengths adjusted; the signature no longer verifies). */
    private static byte[] withDuplicatedExtension(byte[] der) throws Exception {
        ASN1Sequence certificate = ASN1Sequence.getInstance(der);
        ASN1Sequence tbs = ASN1Sequence.getInstance(certificate.getObjectAt(0));
        org.bouncycastle.asn1.ASN1TaggedObject wrapper =
                (org.bouncycastle.asn1.ASN1TaggedObject) tbs.getObjectAt(tbs.size() - 1);
        ASN1Sequence extensions = ASN1Sequence.getInstance(wrapper.getExplicitBaseObject());
        byte[] first = extensions.getObjectAt(0).toASN1Primitive().getEncoded();
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        for (int i = 0; i < extensions.size(); i++) {
            list.write(extensions.getObjectAt(i).toASN1Primitive().getEncoded());
        }
        list.write(first);
        byte[] newWrapper = DerBytes.tlv(0xA3, DerBytes.tlv(0x30, list.toByteArray()));
        ByteArrayOutputStream tbsBody = new ByteArrayOutputStream();
        for (int i = 0; i < tbs.size() - 1; i++) {
            tbsBody.write(tbs.getObjectAt(i).toASN1Primitive().getEncoded());
        }
        tbsBody.write(newWrapper);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(DerBytes.tlv(0x30, tbsBody.toByteArray()));
        body.write(certificate.getObjectAt(1).toASN1Primitive().getEncoded());
        body.write(certificate.getObjectAt(2).toASN1Primitive().getEncoded());
        return DerBytes.tlv(0x30, body.toByteArray());
    }

    /** {@code der} with {@code length} bytes at {@code at} replaced, the certificate's and TBS's lengths fixed. */
    private static byte[] rebuild(byte[] der, int at, int length, byte[] replacement) throws Exception {
        ASN1Sequence certificate = ASN1Sequence.getInstance(der);
        byte[] tbs = certificate.getObjectAt(0).toASN1Primitive().getEncoded();
        int tbsAt = DerBytes.indexOf(der, tbs);
        int tbsHeader = tbs.length - contentLength(tbs);
        ByteArrayOutputStream tbsBody = new ByteArrayOutputStream();
        tbsBody.write(der, tbsAt + tbsHeader, at - tbsAt - tbsHeader);
        tbsBody.write(replacement);
        tbsBody.write(der, at + length, tbsAt + tbs.length - at - length);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(DerBytes.tlv(0x30, tbsBody.toByteArray()));
        body.write(der, tbsAt + tbs.length, der.length - tbsAt - tbs.length);
        return DerBytes.tlv(0x30, body.toByteArray());
    }

    private static int contentLength(byte[] tlv) {
        int first = tlv[1] & 0xFF;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7F); i++) {
            length = (length << 8) | (tlv[2 + i] & 0xFF);
        }
        return length;
    }
}
