package io.tlslab.ca.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.testing.Certs;
import io.tlslab.protocol.pem.Pem;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyStoresAndPemTest {
    static final char[] PASSWORD = "changeit".toCharArray();
    static final HeldCertificate ROOT = HeldCertificate.builder()
            .commonName("test root")
            .certificateAuthority()
            .build();
    static final HeldCertificate INTERMEDIATE = HeldCertificate.builder()
            .commonName("test intermediate")
            .certificateAuthority(0)
            .signedBy(ROOT)
            .build();
    static final HeldCertificate LEAF = HeldCertificate.builder()
            .commonName("localhost")
            .addSubjectAlternativeName("localhost")
            .signedBy(INTERMEDIATE)
            .build();
    static final List<X509Certificate> CHAIN = List.of(LEAF.certificate(), INTERMEDIATE.certificate());

    @Test
    void keyStoresOpenWithTheJdkAndHoldKeyAndChain() throws Exception {
        for (KeyStores.Type type : KeyStores.Type.values()) {
            for (byte[] bytes : List.of(
                    KeyStores.toBytes(KeyStores.keyStore(type, LEAF, CHAIN, PASSWORD), PASSWORD),
                    KeyStores.encodeKeyStore(type, LEAF, CHAIN, PASSWORD))) {
                KeyStore ks = KeyStore.getInstance(type.jcaName());
                ks.load(new ByteArrayInputStream(bytes), PASSWORD);
                assertThat(Collections.list(ks.aliases())).containsExactly(KeyStores.KEY_ALIAS);
                assertThat(ks.isKeyEntry(KeyStores.KEY_ALIAS)).isTrue();
                Certificate[] chain = ks.getCertificateChain(KeyStores.KEY_ALIAS);
                assertThat(chain).containsExactly(LEAF.certificate(), INTERMEDIATE.certificate());
                PrivateKey key = (PrivateKey) ks.getKey(KeyStores.KEY_ALIAS, PASSWORD);
                assertThat(Certs.keyMatches(new KeyPair(chain[0].getPublicKey(), key), (X509Certificate) chain[0]))
                        .isTrue();
                assertThat(key.getEncoded()).isEqualTo(LEAF.privateKey().getEncoded());
            }
        }
    }

    @Test
    void trustStoresHoldOnlyTrustedCertificateEntries() throws Exception {
        for (KeyStores.Type type : KeyStores.Type.values()) {
            for (byte[] bytes : List.of(
                    KeyStores.toBytes(KeyStores.trustStore(type, List.of(ROOT.certificate())), PASSWORD),
                    KeyStores.encodeTrustStore(type, List.of(ROOT.certificate()), PASSWORD))) {
                KeyStore ks = KeyStore.getInstance(type.jcaName());
                ks.load(new ByteArrayInputStream(bytes), PASSWORD);
                assertThat(Collections.list(ks.aliases())).containsExactly("ca-1");
                assertThat(ks.isCertificateEntry("ca-1")).isTrue();
                assertThat(ks.getCertificate("ca-1")).isEqualTo(ROOT.certificate());
                // the JDK's PKIX machinery accepts it as a trust store
                assertThat(new java.security.cert.PKIXParameters(ks).getTrustAnchors())
                        .hasSize(1);
            }
        }
    }

    @Test
    void wrongPasswordIsRefusedByTheJdk() {
        byte[] bytes = KeyStores.encodeKeyStore(KeyStores.Type.PKCS12, LEAF, CHAIN, PASSWORD);
        assertThatThrownBy(() ->
                        KeyStore.getInstance("PKCS12").load(new ByteArrayInputStream(bytes), "wrong".toCharArray()))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void keyStoreChainIsPutInIssuerOrderWhenServedReversed() {
        List<X509Certificate> reversed = List.of(LEAF.certificate(), ROOT.certificate(), INTERMEDIATE.certificate());
        assertThat(KeyStores.issuerOrder(reversed))
                .containsExactly(LEAF.certificate(), INTERMEDIATE.certificate(), ROOT.certificate());
    }

    @Test
    void pemRoundTripsCertificatesAndPkcs8Keys(@TempDir Path dir) throws Exception {
        String chainPem = Pem.certificates(CHAIN);
        assertThat(chainPem)
                .startsWith("-----BEGIN CERTIFICATE-----\n")
                .contains("-----END CERTIFICATE-----\n-----BEGIN");
        assertThat(chainPem.lines().filter(l -> !l.startsWith("-----")).allMatch(l -> l.length() <= 64))
                .isTrue();
        Path file = Files.writeString(dir.resolve("chain.pem"), chainPem);
        assertThat(Pem.readCertificates(file)).containsExactlyElementsOf(CHAIN);

        for (HeldCertificate held : List.of(
                LEAF,
                HeldCertificate.builder().rsa2048().build(),
                HeldCertificate.builder().ed25519().build())) {
            String keyPem = Pem.privateKey(held.privateKey());
            assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----\n");
            PrivateKey read = PemKeys.readPrivateKey(keyPem);
            assertThat(read.getEncoded()).isEqualTo(held.privateKey().getEncoded());
            assertThat(Certs.keyMatches(new KeyPair(held.certificate().getPublicKey(), read), held.certificate()))
                    .isTrue();
        }
    }

    @Test
    void unparsableFilesAreReportedWithTheirName(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "hello", StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Pem.readCertificates(junk))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("junk.pem");
        assertThatThrownBy(() -> PemKeys.readPrivateKey(junk))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("junk.pem");
    }
}
