package io.tlslab.ca.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlslab.ca.testing.Certs;
import io.tlslab.protocol.settings.Fingerprint;
import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ValidationProfile;
import java.security.MessageDigest;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Mints the whole catalogue once and checks each scenario's defining property with the JDK's own
 * certificate APIs, independently of the code that made it.
 */
class ScenarioCatalogueTest {
    static final String HOST = "localhost";
    static final String SHA256_RSA = "1.2.840.113549.1.1.11";
    static final String SHA384_RSA = "1.2.840.113549.1.1.12";
    static final String SHA512_RSA = "1.2.840.113549.1.1.13";
    static final String MD5_RSA = "1.2.840.113549.1.1.4";
    static final String SHA1_RSA = "1.2.840.113549.1.1.5";
    static final String SHA256_ECDSA = "1.2.840.10045.4.3.2";
    static final String SHA384_ECDSA = "1.2.840.10045.4.3.3";

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Date NOW_DATE = Date.from(NOW);
    static final Map<Scenario, MintedScenario> MINTED = new EnumMap<>(Scenario.class);

    @BeforeAll
    static void mintAll() {
        ScenarioMinter minter = new ScenarioMinter(Clock.fixed(NOW, ZoneOffset.UTC), true);
        for (MintedScenario m : minter.mintAll(HOST)) {
            MINTED.put(m.scenario(), m);
        }
    }

    static MintedScenario m(Scenario s) {
        return MINTED.get(s);
    }

    static X509Certificate leaf(Scenario s) {
        return m(s).servedChain().get(0);
    }

    static X509Certificate served(Scenario s, int i) {
        return m(s).servedChain().get(i);
    }

    static X509Certificate anchor(Scenario s) {
        assertThat(m(s).trustAnchors()).hasSize(1);
        return m(s).trustAnchors().get(0);
    }

    // ---- properties every scenario has ----

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void servesLeafFirstWithTheKeyTheServerHolds(Scenario s) throws Exception {
        MintedScenario minted = m(s);
        assertThat(minted.scenario()).isEqualTo(s);
        assertThat(minted.host()).isEqualTo(HOST);
        assertThat(minted.servedChain().get(0)).isEqualTo(minted.leaf().certificate());
        assertThat(Certs.keyMatches(minted.leaf().keyPair(), Certs.reparse(leaf(s))))
                .isTrue();
        assertThat(minted.trustAnchors())
                .isNotEmpty()
                .allSatisfy(a -> assertThat(Certs.isSelfSigned(a)).isTrue());
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void fingerprintsAreDigestsOfTheLeafDer(Scenario s) throws Exception {
        byte[] der = leaf(s).getEncoded();
        assertThat(m(s).leafSha1().bytes())
                .isEqualTo(MessageDigest.getInstance("SHA-1").digest(der));
        assertThat(m(s).leafSha256().bytes())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(der));
        assertThat(m(s).leafSha1().toString()).matches("([0-9A-F]{2}:){19}[0-9A-F]{2}");
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void serialsArePositiveAndAtLeast64Bits(Scenario s) {
        if (s == Scenario.SERIAL_ZERO) {
            assertThat(leaf(s).getSerialNumber()).isZero(); // its defect; the CAs above it are ordinary
            return;
        }
        for (X509Certificate c : m(s).servedChain()) {
            assertThat(c.getSerialNumber().signum()).isPositive();
            assertThat(c.getSerialNumber().bitLength()).isGreaterThanOrEqualTo(64);
        }
    }

    /** The contract table of helper-common.md / SPEC §6, restated here independently. */
    static final Map<Scenario, String> STRICT = Map.ofEntries(
            Map.entry(Scenario.VALID_RSA_2048, "ACCEPT"),
            Map.entry(Scenario.VALID_EC_P256, "ACCEPT"),
            Map.entry(Scenario.VALID_EC_P384, "ACCEPT"),
            Map.entry(Scenario.VALID_SHA384, "ACCEPT"),
            Map.entry(Scenario.VALID_SHA512, "ACCEPT"),
            Map.entry(Scenario.WILDCARD, "ACCEPT"),
            Map.entry(Scenario.IP_SAN, "ACCEPT"),
            Map.entry(Scenario.CN_ONLY, "ACCEPT"),
            Map.entry(Scenario.SAN_ONLY, "ACCEPT"),
            Map.entry(Scenario.MANY_SANS, "ACCEPT"),
            Map.entry(Scenario.SELF_SIGNED, "REJECT:SELF_SIGNED"),
            Map.entry(Scenario.EXPIRED_LEAF, "REJECT:EXPIRED"),
            Map.entry(Scenario.EXPIRED_INTERMEDIATE, "REJECT:EXPIRED"),
            Map.entry(Scenario.EXPIRED_ROOT, "REJECT:EXPIRED"),
            Map.entry(Scenario.NOT_YET_VALID, "REJECT:NOT_YET_VALID"),
            Map.entry(Scenario.UNTRUSTED_ROOT, "REJECT:UNTRUSTED_ROOT"),
            Map.entry(Scenario.WRONG_HOST, "REJECT:HOSTNAME_MISMATCH"),
            Map.entry(Scenario.WILDCARD_TOO_DEEP, "REJECT:HOSTNAME_MISMATCH"),
            Map.entry(Scenario.MD5_LEAF, "REJECT:WEAK_ALGORITHM"),
            Map.entry(Scenario.MD5_INTERMEDIATE, "REJECT:WEAK_ALGORITHM"),
            Map.entry(Scenario.SHA1_LEAF, "REJECT:WEAK_ALGORITHM"),
            Map.entry(Scenario.SHA1_INTERMEDIATE, "REJECT:WEAK_ALGORITHM"),
            Map.entry(Scenario.TAMPERED_SIGNATURE, "REJECT:BAD_SIGNATURE"),
            Map.entry(Scenario.INCOMPLETE_CHAIN, "REJECT:INCOMPLETE_CHAIN"),
            Map.entry(Scenario.REVERSED_CHAIN, "ACCEPT"),
            Map.entry(Scenario.INTERMEDIATE_NOT_CA, "REJECT:NOT_CA"),
            Map.entry(Scenario.PATH_LENGTH_EXCEEDED, "REJECT:PATH_TOO_LONG"),
            Map.entry(Scenario.LEAF_EKU_CLIENT_AUTH_ONLY, "REJECT:BAD_KEY_USAGE"),
            Map.entry(Scenario.WEAK_RSA_1024, "REJECT:WEAK_KEY"),
            Map.entry(Scenario.NAME_CONSTRAINTS_VIOLATION, "REJECT:NAME_CONSTRAINTS"),
            Map.entry(Scenario.ALLOWLISTED_EXPIRED, "REJECT:EXPIRED"),
            // second wave (issue 14): RFC 4158, RFC 5280, RFC 6125 and the Baseline Requirements
            Map.entry(Scenario.CROSS_SIGNED_EXPIRED_PATH, "ACCEPT"),
            Map.entry(Scenario.SAME_SUBJECT_DISTINCT_KEYS, "ACCEPT"),
            Map.entry(Scenario.ISSUER_CYCLE, "REJECT:UNTRUSTED_ROOT"),
            Map.entry(Scenario.UNKNOWN_CRITICAL_EXTENSION, "REJECT:UNHANDLED_CRITICAL_EXTENSION"),
            Map.entry(Scenario.UNDECODABLE_SAN, "REJECT:HOSTNAME_MISMATCH"),
            Map.entry(Scenario.WILDCARD_UNDER_EXCLUDED_SUBTREE, "REJECT:NAME_CONSTRAINTS"),
            Map.entry(Scenario.INTERMEDIATE_EKU_CLIENT_AUTH_ONLY, "REJECT:BAD_KEY_USAGE"),
            Map.entry(Scenario.REVOKED_LEAF, "REJECT:REVOKED"),
            Map.entry(Scenario.SERIAL_ZERO, "REJECT:PROFILE_VIOLATION"),
            Map.entry(Scenario.PUBLIC_SUFFIX_WILDCARD, "ACCEPT"),
            Map.entry(Scenario.NAME_CONSTRAINT_BLOWUP, "REJECT:TOO_COMPLEX"));

    /** Where the webpki profile concludes otherwise than the article (BR 7.1.4.3 SANs only, BR 3.2.2.6). */
    static final Map<Scenario, String> WEBPKI_DIFFERS = Map.of(
            Scenario.CN_ONLY, "REJECT:HOSTNAME_MISMATCH", Scenario.PUBLIC_SUFFIX_WILDCARD, "REJECT:PROFILE_VIOLATION");

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void expectationsFollowTheContract(Scenario s) {
        assertThat(m(s).expected(ClientMode.STRICT)).isEqualTo(Outcome.parse(STRICT.get(s)));
        assertThat(m(s).expected(ClientMode.STRICT, ValidationProfile.ARTICLE)).isEqualTo(Outcome.parse(STRICT.get(s)));
        assertThat(m(s).expected(ClientMode.STRICT, ValidationProfile.WEBPKI))
                .isEqualTo(Outcome.parse(WEBPKI_DIFFERS.getOrDefault(s, STRICT.get(s))));
        for (ClientMode mode : List.of(ClientMode.NON_STRICT, ClientMode.LEGACY_5X, ClientMode.ALLOWLISTED)) {
            assertThat(m(s).expected(mode, ValidationProfile.WEBPKI)).isEqualTo(Outcome.accepted());
        }
        assertThat(m(s).crls()).as("only the revocation scenario ships CRLs").hasSize(s.needsCrls() ? 1 : 0);
        assertThat(m(s).expected(ClientMode.NON_STRICT)).isEqualTo(Outcome.accepted());
        assertThat(m(s).expected(ClientMode.LEGACY_5X)).isEqualTo(Outcome.accepted());
        assertThat(m(s).expected(ClientMode.ALLOWLISTED)).isEqualTo(Outcome.accepted());
    }

    @Test
    void catalogueHasEveryScenarioOfTheContract() {
        assertThat(STRICT.keySet()).containsExactlyInAnyOrder(Scenario.values());
    }

    /** Scenarios whose defect the JDK's PKIX validator itself detects (it ignores host, EKU, key size, SHA-1 and anchor expiry). */
    static final Set<Scenario> PKIX_REJECTS = EnumSet.of(
            Scenario.SELF_SIGNED,
            Scenario.EXPIRED_LEAF,
            Scenario.EXPIRED_INTERMEDIATE,
            Scenario.NOT_YET_VALID,
            Scenario.UNTRUSTED_ROOT,
            Scenario.MD5_LEAF,
            Scenario.MD5_INTERMEDIATE,
            Scenario.TAMPERED_SIGNATURE,
            Scenario.INCOMPLETE_CHAIN,
            Scenario.INTERMEDIATE_NOT_CA,
            Scenario.PATH_LENGTH_EXCEEDED,
            Scenario.NAME_CONSTRAINTS_VIOLATION,
            Scenario.ALLOWLISTED_EXPIRED,
            // the first served twin's key did not sign the leaf; this naive path builder does not backtrack
            Scenario.SAME_SUBJECT_DISTINCT_KEYS,
            Scenario.ISSUER_CYCLE,
            Scenario.UNKNOWN_CRITICAL_EXTENSION);

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void jdkPkixAgreesWhereItChecksTheDefect(Scenario s) {
        assertThat(Certs.pkixAccepts(m(s).servedChain(), m(s).trustAnchors(), NOW_DATE))
                .as("JDK PKIX accepts %s", s)
                .isEqualTo(!PKIX_REJECTS.contains(s));
    }

    // ---- each scenario's defining property ----

    void assertStandardChainVerifies(Scenario s) throws Exception {
        assertThat(m(s).servedChain()).hasSize(2);
        assertThat(Certs.verifies(leaf(s), served(s, 1).getPublicKey())).isTrue();
        assertThat(Certs.verifies(served(s, 1), anchor(s).getPublicKey())).isTrue();
        for (X509Certificate c : List.of(leaf(s), served(s, 1), anchor(s))) {
            c.checkValidity(NOW_DATE);
        }
        assertThat(served(s, 1).getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(leaf(s).getBasicConstraints()).isEqualTo(-1);
    }

    @Test
    void validRsa2048() throws Exception {
        Scenario s = Scenario.VALID_RSA_2048;
        assertStandardChainVerifies(s);
        assertThat(((RSAPublicKey) leaf(s).getPublicKey()).getModulus().bitLength())
                .isEqualTo(2048);
        assertThat(leaf(s).getSigAlgOID()).isEqualTo(SHA256_RSA);
        assertThat(Certs.dnsNames(leaf(s))).containsExactly(HOST);
        assertThat(leaf(s).getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
        assertThat(m(s).dialHost()).isEqualTo(HOST);
        // backdated a day against clock skew
        assertThat(leaf(s).getNotBefore().toInstant()).isBefore(NOW.minusSeconds(23 * 3600));
    }

    @Test
    void validEcP256AndP384() throws Exception {
        for (Scenario s : List.of(Scenario.VALID_EC_P256, Scenario.VALID_EC_P384)) {
            int bits = s == Scenario.VALID_EC_P256 ? 256 : 384;
            assertStandardChainVerifies(s);
            for (X509Certificate c : List.of(leaf(s), served(s, 1), anchor(s))) {
                assertThat(((ECPublicKey) c.getPublicKey())
                                .getParams()
                                .getOrder()
                                .bitLength())
                        .isEqualTo(bits);
                assertThat(c.getSigAlgOID()).isEqualTo(bits == 256 ? SHA256_ECDSA : SHA384_ECDSA);
            }
        }
    }

    @Test
    void validSha384AndSha512() throws Exception {
        assertStandardChainVerifies(Scenario.VALID_SHA384);
        assertStandardChainVerifies(Scenario.VALID_SHA512);
        assertThat(leaf(Scenario.VALID_SHA384).getSigAlgOID()).isEqualTo(SHA384_RSA);
        assertThat(leaf(Scenario.VALID_SHA512).getSigAlgOID()).isEqualTo(SHA512_RSA);
    }

    @Test
    void wildcardCoversOneLabel() throws Exception {
        assertStandardChainVerifies(Scenario.WILDCARD);
        assertThat(Certs.dnsNames(leaf(Scenario.WILDCARD))).containsExactly("*.localhost");
        assertThat(m(Scenario.WILDCARD).dialHost()).isEqualTo("node1.localhost");
        assertThat(Certs.dnsNames(leaf(Scenario.WILDCARD_TOO_DEEP))).containsExactly("*.localhost");
        assertThat(m(Scenario.WILDCARD_TOO_DEEP).dialHost()).isEqualTo("a.b.localhost");
    }

    @Test
    void ipSanHasOnlyTheLoopbackAddress() throws Exception {
        Scenario s = Scenario.IP_SAN;
        assertStandardChainVerifies(s);
        assertThat(Certs.ipAddresses(leaf(s))).containsExactly("127.0.0.1");
        assertThat(Certs.dnsNames(leaf(s))).isEmpty();
        assertThat(m(s).dialHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void cnOnlyHasNoSanExtension() throws Exception {
        Scenario s = Scenario.CN_ONLY;
        assertStandardChainVerifies(s);
        assertThat(leaf(s).getSubjectAlternativeNames()).isNull();
        assertThat(leaf(s).getExtensionValue("2.5.29.17")).isNull();
        assertThat(leaf(s).getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    }

    @Test
    void sanOnlyHasEmptySubjectAndCriticalSan() throws Exception {
        Scenario s = Scenario.SAN_ONLY;
        assertStandardChainVerifies(s);
        assertThat(leaf(s).getSubjectX500Principal().getName()).isEmpty();
        assertThat(leaf(s).getCriticalExtensionOIDs()).contains("2.5.29.17");
        assertThat(Certs.dnsNames(leaf(s))).containsExactly(HOST);
    }

    @Test
    void manySansHasOneHundredIncludingHost() throws Exception {
        Scenario s = Scenario.MANY_SANS;
        assertStandardChainVerifies(s);
        List<String> names = Certs.dnsNames(leaf(s));
        assertThat(names).hasSize(100).doesNotHaveDuplicates().contains(HOST);
        assertThat(names.get(0)).isNotEqualTo(HOST);
    }

    @Test
    void selfSignedIsServedAloneAndNotTrusted() throws Exception {
        Scenario s = Scenario.SELF_SIGNED;
        assertThat(m(s).servedChain()).hasSize(1);
        assertThat(Certs.isSelfSigned(leaf(s))).isTrue();
        assertThat(m(s).trustAnchors()).doesNotContain(leaf(s));
        assertThat(Certs.dnsNames(leaf(s))).containsExactly(HOST);
    }

    @Test
    void expiredLeafAndAllowlistedExpired() throws Exception {
        for (Scenario s : List.of(Scenario.EXPIRED_LEAF, Scenario.ALLOWLISTED_EXPIRED)) {
            assertThatThrownBy(() -> leaf(s).checkValidity(NOW_DATE)).isInstanceOf(CertificateExpiredException.class);
            assertThat(Certs.verifies(leaf(s), served(s, 1).getPublicKey())).isTrue();
            served(s, 1).checkValidity(NOW_DATE);
        }
        assertThat(m(Scenario.EXPIRED_LEAF).pinnedFingerprints().isEmpty()).isTrue();
        byte[] sha1 = MessageDigest.getInstance("SHA-1")
                .digest(leaf(Scenario.ALLOWLISTED_EXPIRED).getEncoded());
        assertThat(m(Scenario.ALLOWLISTED_EXPIRED).pinnedFingerprints().fingerprints())
                .containsExactly(new Fingerprint(Fingerprint.Algorithm.SHA1, sha1));
    }

    @Test
    void expiredIntermediate() throws Exception {
        Scenario s = Scenario.EXPIRED_INTERMEDIATE;
        leaf(s).checkValidity(NOW_DATE);
        anchor(s).checkValidity(NOW_DATE);
        assertThatThrownBy(() -> served(s, 1).checkValidity(NOW_DATE)).isInstanceOf(CertificateExpiredException.class);
        assertThat(Certs.verifies(leaf(s), served(s, 1).getPublicKey())).isTrue();
        assertThat(Certs.verifies(served(s, 1), anchor(s).getPublicKey())).isTrue();
    }

    @Test
    void expiredRootIsTheAnchor() throws Exception {
        Scenario s = Scenario.EXPIRED_ROOT;
        leaf(s).checkValidity(NOW_DATE);
        served(s, 1).checkValidity(NOW_DATE);
        assertThatThrownBy(() -> anchor(s).checkValidity(NOW_DATE)).isInstanceOf(CertificateExpiredException.class);
        assertThat(Certs.verifies(served(s, 1), anchor(s).getPublicKey())).isTrue();
        assertThat(anchor(s)).isNotEqualTo(anchor(Scenario.VALID_RSA_2048));
    }

    @Test
    void notYetValidLeaf() throws Exception {
        Scenario s = Scenario.NOT_YET_VALID;
        assertThatThrownBy(() -> leaf(s).checkValidity(NOW_DATE)).isInstanceOf(CertificateNotYetValidException.class);
        served(s, 1).checkValidity(NOW_DATE);
    }

    @Test
    void untrustedRootIsServedButNotAnAnchor() {
        Scenario s = Scenario.UNTRUSTED_ROOT;
        assertThat(m(s).servedChain()).hasSize(3);
        X509Certificate otherRoot = served(s, 2);
        assertThat(Certs.isSelfSigned(otherRoot)).isTrue();
        assertThat(m(s).trustAnchors()).doesNotContain(otherRoot);
        assertThat(Certs.verifies(served(s, 1), otherRoot.getPublicKey())).isTrue();
        assertThat(Certs.verifies(served(s, 1), anchor(s).getPublicKey())).isFalse();
        assertThat(Certs.verifies(leaf(s), served(s, 1).getPublicKey())).isTrue();
    }

    @Test
    void wrongHostNamesOnlyAnInvalidHost() throws Exception {
        Scenario s = Scenario.WRONG_HOST;
        assertStandardChainVerifies(s);
        assertThat(Certs.dnsNames(leaf(s))).containsExactly("wrong-host.invalid");
        assertThat(leaf(s).getSubjectX500Principal().getName()).doesNotContain(HOST);
    }

    @Test
    void md5AndSha1SignedLeaves() throws Exception {
        assertThat(leaf(Scenario.MD5_LEAF).getSigAlgOID()).isEqualTo(MD5_RSA);
        assertThat(leaf(Scenario.SHA1_LEAF).getSigAlgOID()).isEqualTo(SHA1_RSA);
        for (Scenario s : List.of(Scenario.MD5_LEAF, Scenario.SHA1_LEAF)) {
            assertThat(Certs.verifies(leaf(s), served(s, 1).getPublicKey()))
                    .as("%s leaf verifies", s)
                    .isTrue();
            assertThat(served(s, 1).getSigAlgOID()).isEqualTo(SHA256_RSA);
        }
    }

    @Test
    void md5AndSha1SignedIntermediates() throws Exception {
        assertThat(served(Scenario.MD5_INTERMEDIATE, 1).getSigAlgOID()).isEqualTo(MD5_RSA);
        assertThat(served(Scenario.SHA1_INTERMEDIATE, 1).getSigAlgOID()).isEqualTo(SHA1_RSA);
        for (Scenario s : List.of(Scenario.MD5_INTERMEDIATE, Scenario.SHA1_INTERMEDIATE)) {
            assertThat(Certs.verifies(served(s, 1), anchor(s).getPublicKey()))
                    .as("%s intermediate verifies", s)
                    .isTrue();
            // only the intermediate's own signature is weak
            assertThat(leaf(s).getSigAlgOID()).isIn(SHA256_RSA, SHA256_ECDSA);
            assertThat(Certs.verifies(leaf(s), served(s, 1).getPublicKey())).isTrue();
        }
    }

    @Test
    void tamperedSignatureParsesButDoesNotVerify() throws Exception {
        Scenario s = Scenario.TAMPERED_SIGNATURE;
        X509Certificate reparsed = Certs.reparse(leaf(s));
        assertThat(reparsed.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(Certs.dnsNames(reparsed)).containsExactly(HOST);
        reparsed.checkValidity(NOW_DATE);
        assertThat(Certs.verifies(reparsed, served(s, 1).getPublicKey())).isFalse();
        assertThat(Certs.verifies(served(s, 1), anchor(s).getPublicKey())).isTrue();
    }

    @Test
    void incompleteChainSendsLeafOnlyWithUnknownIssuer() {
        Scenario s = Scenario.INCOMPLETE_CHAIN;
        assertThat(m(s).servedChain()).hasSize(1);
        assertThat(Certs.isSelfSigned(leaf(s))).isFalse();
        assertThat(leaf(s).getIssuerX500Principal()).isNotEqualTo(anchor(s).getSubjectX500Principal());
        // its issuer is not any intermediate another scenario serves either: known nowhere
        for (MintedScenario other : MINTED.values()) {
            for (X509Certificate c : other.servedChain()) {
                assertThat(c.getSubjectX500Principal()).isNotEqualTo(leaf(s).getIssuerX500Principal());
            }
        }
    }

    @Test
    void reversedChainHasLeafFirstThenRootThenIntermediate() {
        Scenario s = Scenario.REVERSED_CHAIN;
        assertThat(m(s).servedChain()).hasSize(3);
        assertThat(served(s, 1)).isEqualTo(anchor(s));
        assertThat(Certs.verifies(leaf(s), served(s, 2).getPublicKey())).isTrue();
        assertThat(Certs.verifies(served(s, 2), served(s, 1).getPublicKey())).isTrue();
    }

    @Test
    void intermediateNotCa() {
        Scenario s = Scenario.INTERMEDIATE_NOT_CA;
        assertThat(served(s, 1).getBasicConstraints()).isEqualTo(-1);
        assertThat(Certs.verifies(leaf(s), served(s, 1).getPublicKey())).isTrue();
        assertThat(Certs.verifies(served(s, 1), anchor(s).getPublicKey())).isTrue();
    }

    @Test
    void pathLengthExceeded() {
        Scenario s = Scenario.PATH_LENGTH_EXCEEDED;
        assertThat(m(s).servedChain()).hasSize(3);
        X509Certificate b = served(s, 1);
        X509Certificate a = served(s, 2);
        assertThat(a.getBasicConstraints()).isZero();
        assertThat(b.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(Certs.verifies(leaf(s), b.getPublicKey())).isTrue();
        assertThat(Certs.verifies(b, a.getPublicKey())).isTrue();
        assertThat(Certs.verifies(a, anchor(s).getPublicKey())).isTrue();
    }

    @Test
    void leafEkuClientAuthOnly() throws Exception {
        Scenario s = Scenario.LEAF_EKU_CLIENT_AUTH_ONLY;
        assertStandardChainVerifies(s);
        assertThat(leaf(s).getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    }

    @Test
    void weakRsa1024() throws Exception {
        Scenario s = Scenario.WEAK_RSA_1024;
        assertStandardChainVerifies(s);
        assertThat(((RSAPublicKey) leaf(s).getPublicKey()).getModulus().bitLength())
                .isEqualTo(1024);
    }

    @Test
    void nameConstraintsViolation() throws Exception {
        Scenario s = Scenario.NAME_CONSTRAINTS_VIOLATION;
        X509Certificate ca = served(s, 1);
        assertThat(ca.getCriticalExtensionOIDs()).contains("2.5.29.30");
        // the extension's DER contains the permitted name as an IA5String
        assertThat(new String(ca.getExtensionValue("2.5.29.30"), java.nio.charset.StandardCharsets.US_ASCII))
                .contains("permitted.invalid");
        assertThat(Certs.dnsNames(leaf(s))).containsExactly(HOST);
        assertThat(Certs.verifies(leaf(s), ca.getPublicKey())).isTrue();
    }

    @Test
    void keysAndCasAreReusedAcrossScenariosAndHosts() {
        ScenarioMinter minter = new ScenarioMinter(Clock.fixed(NOW, ZoneOffset.UTC), true);
        minter.mintAll(HOST);
        int afterFirst = minter.keysGenerated();
        MintedScenario other = minter.mint(Scenario.VALID_RSA_2048, "example.test");
        assertThat(minter.keysGenerated()).isEqualTo(afterFirst);
        assertThat(afterFirst).isLessThan(16);
        // the same CA hierarchy serves every host
        assertThat(other.trustAnchors())
                .isEqualTo(minter.mint(Scenario.VALID_SHA384, HOST).trustAnchors());
        assertThat(other.dialHost()).isEqualTo("example.test");
    }

    @Test
    void withoutReuseEveryCertificateHasItsOwnKey() {
        ScenarioMinter minter = new ScenarioMinter(Clock.fixed(NOW, ZoneOffset.UTC), false);
        MintedScenario a = minter.mint(Scenario.VALID_EC_P256, HOST);
        MintedScenario b = minter.mint(Scenario.VALID_EC_P256, HOST);
        assertThat(a.leaf().certificate().getPublicKey())
                .isNotEqualTo(b.leaf().certificate().getPublicKey());
        assertThat(minter.keysGenerated()).isEqualTo(6);
    }

    @Test
    void rejectsHostsThatAreNotDnsNames() {
        ScenarioMinter minter = new ScenarioMinter();
        assertThatThrownBy(() -> minter.mint(Scenario.VALID_EC_P256, "10.0.0.1"))
                .hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> minter.mint(Scenario.VALID_EC_P256, "bad_host"))
                .hasMessageContaining("invalid host");
        assertThatThrownBy(() -> minter.mint(Scenario.VALID_EC_P256, " ")).hasMessageContaining("empty");
    }

    @Test
    void parsesScenarioNamesAndListsValidOnesOnError() {
        assertThat(Scenario.parse("valid-rsa-2048")).isEqualTo(Scenario.VALID_RSA_2048);
        assertThat(Scenario.parse("MD5_LEAF")).isEqualTo(Scenario.MD5_LEAF);
        assertThatThrownBy(() -> Scenario.parse("nope"))
                .hasMessageContaining("unknown scenario 'nope'")
                .hasMessageContaining("valid-rsa-2048")
                .hasMessageContaining("allowlisted-expired");
    }

    // ---- second wave (issue 14) ----

    @Test
    void crossSignedCaHasAnExpiredPathServedFirstAndAValidOne() throws Exception {
        Scenario s = Scenario.CROSS_SIGNED_EXPIRED_PATH;
        X509Certificate viaOld = served(s, 1);
        X509Certificate viaGood = served(s, 2);
        X509Certificate oldRoot = m(s).trustAnchors().get(0);
        X509Certificate goodRoot = m(s).trustAnchors().get(1);
        assertThat(viaOld.getSubjectX500Principal()).isEqualTo(viaGood.getSubjectX500Principal());
        assertThat(viaOld.getPublicKey()).isEqualTo(viaGood.getPublicKey());
        assertThat(Certs.verifies(leaf(s), viaOld.getPublicKey())).isTrue();
        assertThat(Certs.verifies(viaOld, oldRoot.getPublicKey())).isTrue();
        assertThat(Certs.verifies(viaGood, goodRoot.getPublicKey())).isTrue();
        assertThatThrownBy(() -> oldRoot.checkValidity(NOW_DATE)).isInstanceOf(CertificateExpiredException.class);
        goodRoot.checkValidity(NOW_DATE);
        viaGood.checkValidity(NOW_DATE);
    }

    @Test
    void twinsShareASubjectAndOnlyTheSecondSignedTheLeaf() {
        Scenario s = Scenario.SAME_SUBJECT_DISTINCT_KEYS;
        assertThat(served(s, 1).getSubjectX500Principal())
                .isEqualTo(served(s, 2).getSubjectX500Principal());
        assertThat(served(s, 1).getPublicKey()).isNotEqualTo(served(s, 2).getPublicKey());
        assertThat(Certs.verifies(leaf(s), served(s, 1).getPublicKey())).isFalse();
        assertThat(Certs.verifies(leaf(s), served(s, 2).getPublicKey())).isTrue();
        assertThat(Certs.verifies(served(s, 1), anchor(s).getPublicKey())).isTrue();
        assertThat(Certs.verifies(served(s, 2), anchor(s).getPublicKey())).isTrue();
    }

    @Test
    void cycleCasIssueEachOtherAndNotTheAnchor() {
        Scenario s = Scenario.ISSUER_CYCLE;
        X509Certificate a = served(s, 1);
        X509Certificate b = served(s, 2);
        assertThat(a.getIssuerX500Principal()).isEqualTo(b.getSubjectX500Principal());
        assertThat(b.getIssuerX500Principal()).isEqualTo(a.getSubjectX500Principal());
        assertThat(Certs.verifies(a, b.getPublicKey())).isTrue();
        assertThat(Certs.verifies(b, a.getPublicKey())).isTrue();
        assertThat(Certs.verifies(leaf(s), a.getPublicKey())).isTrue();
        assertThat(Certs.verifies(a, anchor(s).getPublicKey())).isFalse();
        assertThat(Certs.verifies(b, anchor(s).getPublicKey())).isFalse();
    }

    @Test
    void unknownCriticalExtensionIsMarkedCritical() throws Exception {
        Scenario s = Scenario.UNKNOWN_CRITICAL_EXTENSION;
        assertStandardChainVerifies(s);
        assertThat(leaf(s).getCriticalExtensionOIDs()).contains("1.3.6.1.4.1.32473.1.1");
    }

    @Test
    void undecodableSanIsPresentButDoesNotDecodeAndTheCnNamesTheHost() throws Exception {
        Scenario s = Scenario.UNDECODABLE_SAN;
        assertStandardChainVerifies(s);
        assertThat(leaf(s).getExtensionValue("2.5.29.17")).isNotNull();
        assertThat(leaf(s).getSubjectX500Principal().getName()).isEqualTo("CN=" + HOST);
        assertThatThrownBy(() -> org.bouncycastle.asn1.x509.GeneralNames.getInstance(
                        org.bouncycastle.asn1.ASN1OctetString.getInstance(leaf(s).getExtensionValue("2.5.29.17"))
                                .getOctets()))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void wildcardUnderAnExcludedSubtree() throws Exception {
        Scenario s = Scenario.WILDCARD_UNDER_EXCLUDED_SUBTREE;
        assertStandardChainVerifies(s);
        assertThat(Certs.dnsNames(leaf(s))).containsExactly("*." + HOST);
        assertThat(m(s).dialHost()).isEqualTo("node1." + HOST);
        org.bouncycastle.asn1.x509.NameConstraints nc = org.bouncycastle.asn1.x509.NameConstraints.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(served(s, 1).getExtensionValue("2.5.29.30"))
                        .getOctets());
        assertThat(nc.getExcludedSubtrees()).hasSize(1);
        assertThat(nc.getExcludedSubtrees()[0].getBase().getName().toString()).isEqualTo("node1." + HOST);
    }

    @Test
    void intermediateEkuIsClientAuthOnly() throws Exception {
        Scenario s = Scenario.INTERMEDIATE_EKU_CLIENT_AUTH_ONLY;
        assertStandardChainVerifies(s);
        assertThat(served(s, 1).getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    }

    @Test
    void revokedLeafIsOnACurrentCrlOfItsIssuer() throws Exception {
        Scenario s = Scenario.REVOKED_LEAF;
        assertStandardChainVerifies(s);
        java.security.cert.X509CRL crl = m(s).crls().get(0);
        crl.verify(served(s, 1).getPublicKey());
        assertThat(crl.getIssuerX500Principal()).isEqualTo(served(s, 1).getSubjectX500Principal());
        assertThat(crl.isRevoked(leaf(s))).isTrue();
        assertThat(crl.getThisUpdate()).isBefore(NOW_DATE);
        assertThat(crl.getNextUpdate()).isAfter(NOW_DATE);
        assertThat(crl.getExtensionValue("2.5.29.20")).as("CRL number").isNotNull();
        assertThat(crl.getCriticalExtensionOIDs()).doesNotContain("2.5.29.20");
        assertThat(served(s, 1).getKeyUsage()[6]).as("issuer may sign CRLs").isTrue();
    }

    @Test
    void serialZeroLeaf() throws Exception {
        assertStandardChainVerifies(Scenario.SERIAL_ZERO);
        assertThat(leaf(Scenario.SERIAL_ZERO).getSerialNumber()).isZero();
    }

    @Test
    void publicSuffixWildcard() throws Exception {
        Scenario s = Scenario.PUBLIC_SUFFIX_WILDCARD;
        assertStandardChainVerifies(s);
        assertThat(Certs.dnsNames(leaf(s))).containsExactly("*.co.uk");
        assertThat(m(s).dialHost()).isEqualTo("tlslab-example.co.uk");
    }

    @Test
    void nameConstraintBlowUpHasSixHundredNamesAndConstraintsUnder32Kb() throws Exception {
        Scenario s = Scenario.NAME_CONSTRAINT_BLOWUP;
        assertStandardChainVerifies(s);
        assertThat(Certs.dnsNames(leaf(s))).hasSize(600).contains(HOST);
        org.bouncycastle.asn1.x509.NameConstraints nc = org.bouncycastle.asn1.x509.NameConstraints.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(served(s, 1).getExtensionValue("2.5.29.30"))
                        .getOctets());
        assertThat(nc.getExcludedSubtrees()).hasSize(600);
        assertThat(leaf(s).getEncoded().length + served(s, 1).getEncoded().length)
                .isLessThan(30_000);
    }
}
