package io.tlslab.server.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.store.KeyStores;
import io.tlslab.ca.testing.TestPki;
import io.tlslab.protocol.pem.Pem;
import io.tlslab.tls.identity.ServedIdentity;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeystoreImporterTest {
    private static final char[] PW = TestPki.PASSWORD.toCharArray();
    private final TestPki pki = TestPki.current();

    @Test
    void pkcs12JksAndPemAllGiveTheLeafFirstThenItsIssuers() throws Exception {
        for (byte[] file : List.of(pki.pkcs12(), pki.jks(), pki.pem())) {
            ServedIdentity id = KeystoreImporter.load(file, PW, null);
            assertThat(id.chain()).containsExactlyElementsOf(pki.chain());
            assertThat(id.key().getEncoded()).isEqualTo(pki.leaf.privateKey().getEncoded());
        }
        assertThat(KeystoreImporter.detect(pki.jks())).isEqualTo(KeystoreImporter.Format.JKS);
        assertThat(KeystoreImporter.detect(pki.pem())).isEqualTo(KeystoreImporter.Format.PEM);
        assertThat(KeystoreImporter.detect(pki.pkcs12())).isEqualTo(KeystoreImporter.Format.PKCS12);
    }

    @Test
    void wrongPasswordsAreNamed() {
        assertThatThrownBy(() -> KeystoreImporter.load(pki.pkcs12(), "nope".toCharArray(), null))
                .isInstanceOf(CertificateImportException.class)
                .hasMessage("wrong password for the PKCS#12 keystore");
        assertThatThrownBy(() -> KeystoreImporter.load(pki.jks(), "nope".toCharArray(), null))
                .isInstanceOf(CertificateImportException.class)
                .hasMessage("wrong password for the JKS keystore");
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateIsRefused() {
        HeldCertificate other = HeldCertificate.builder().commonName("other").build();
        byte[] pem = (Pem.privateKey(other.privateKey()) + Pem.certificates(pki.chain()))
                .getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> KeystoreImporter.load(pem, new char[0], null))
                .isInstanceOf(CertificateImportException.class)
                .hasMessageStartingWith("the private key does not match the certificate CN=localhost");
    }

    @Test
    void aLeafWithoutItsChainIsRefused() {
        byte[] pem = (Pem.privateKey(pki.leaf.privateKey()) + Pem.certificate(pki.leaf.certificate()))
                .getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> KeystoreImporter.load(pem, new char[0], null))
                .isInstanceOf(CertificateImportException.class)
                .hasMessageStartingWith("the chain is missing: only the leaf CN=localhost was supplied")
                .hasMessageContaining("CN=Test Intermediate");
    }

    @Test
    void unparsableInputIsNamed() {
        assertThatThrownBy(() -> KeystoreImporter.load(
                        "hello world, not a keystore".getBytes(StandardCharsets.US_ASCII), PW, null))
                .isInstanceOf(CertificateImportException.class)
                .hasMessageStartingWith("unparsable");
        assertThatThrownBy(() -> KeystoreImporter.load(
                        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
                                .getBytes(StandardCharsets.US_ASCII),
                        PW,
                        null))
                .isInstanceOf(CertificateImportException.class)
                .hasMessageStartingWith("unparsable");
        assertThatThrownBy(() -> KeystoreImporter.load(new byte[0], PW, null))
                .isInstanceOf(CertificateImportException.class)
                .hasMessage("the uploaded file is empty");
        assertThatThrownBy(() -> KeystoreImporter.load(
                        Pem.certificates(pki.chain()).getBytes(StandardCharsets.US_ASCII), PW, null))
                .isInstanceOf(CertificateImportException.class)
                .hasMessageStartingWith("the PEM holds no private key");
    }

    @Test
    void aKeystoreWithSeveralKeysNeedsAnAlias() throws Exception {
        KeyStore ks = KeyStores.keyStore(KeyStores.Type.PKCS12, pki.leaf, pki.chain(), PW);
        HeldCertificate other = HeldCertificate.builder().commonName("other").build();
        ks.setKeyEntry("second", other.privateKey(), PW, new java.security.cert.Certificate[] {other.certificate()});
        byte[] p12 = KeyStores.toBytes(ks, PW);
        assertThatThrownBy(() -> KeystoreImporter.load(p12, PW, null))
                .isInstanceOf(CertificateImportException.class)
                .hasMessageContaining("holds 2 keys");
        assertThat(KeystoreImporter.load(p12, PW, KeyStores.KEY_ALIAS).leaf()).isEqualTo(pki.leaf.certificate());
    }
}
