package io.tlslab.ca.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.protocol.pem.Pem;
import java.io.StringWriter;
import java.security.PrivateKey;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.Test;

/** The one PEM key reader: every form an admin or openssl hands over, and one line for each refusal. */
class PemKeysTest {
    static final HeldCertificate RSA = HeldCertificate.builder().rsa2048().build();
    static final char[] PASSWORD = "s3cret".toCharArray();

    @Test
    void readsPkcs8AndTraditionalKeysPassingCertificatesOver() throws Exception {
        String pkcs8 = Pem.certificate(RSA.certificate()) + Pem.privateKey(RSA.privateKey());
        assertThat(PemKeys.find(pkcs8, new char[0])).hasValueSatisfying(this::isRsaKey);
        StringWriter traditional = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(traditional)) {
            w.writeObject(RSA.keyPair());
        }
        assertThat(traditional.toString()).contains("BEGIN RSA PRIVATE KEY");
        assertThat(PemKeys.readPrivateKey(traditional.toString())).satisfies(this::isRsaKey);
        assertThat(PemKeys.find(Pem.certificate(RSA.certificate()), new char[0]))
                .isEmpty();
    }

    @Test
    void encryptedKeyNeedsItsPassword() throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(new JcaPKCS8Generator(
                    RSA.privateKey(),
                    new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                            .setProvider(io.tlslab.ca.BouncyCastle.provider())
                            .setPassword(PASSWORD)
                            .build()));
        }
        String encrypted = out.toString();
        assertThat(encrypted).contains("BEGIN ENCRYPTED PRIVATE KEY");
        assertThat(PemKeys.find(encrypted, PASSWORD)).hasValueSatisfying(this::isRsaKey);
        assertThatThrownBy(() -> PemKeys.find(encrypted, new char[0]))
                .hasMessage("the PEM private key is encrypted: give its password");
        assertThatThrownBy(() -> PemKeys.find(encrypted, "wrong".toCharArray()))
                .hasMessage("wrong password for the encrypted PEM private key");
    }

    @Test
    void twoKeysOrGarbageAreRefusedInOneLine() {
        String two = Pem.privateKey(RSA.privateKey()) + Pem.privateKey(RSA.privateKey());
        assertThatThrownBy(() -> PemKeys.find(two, new char[0]))
                .hasMessage("the PEM holds more than one private key: supply exactly one");
        String broken = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
        assertThatThrownBy(() -> PemKeys.find(broken, new char[0]))
                .hasMessageStartingWith("unparsable PEM (")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private void isRsaKey(PrivateKey key) {
        assertThat(key.getAlgorithm()).isEqualTo("RSA");
        assertThat(key.getEncoded()).isEqualTo(RSA.privateKey().getEncoded());
    }
}
