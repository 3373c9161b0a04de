package io.tlslab.tls.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlslab.ca.testing.TestPki;
import io.tlslab.protocol.pem.Pem;
import io.tlslab.protocol.pem.PemFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PemTest {
    private static final TestPki PKI = TestPki.atFixedTime();

    @TempDir
    Path dir;

    @Test
    void roundTripsABundleIgnoringTextAroundBlocks() throws Exception {
        List<X509Certificate> chain = PKI.served(PKI.leaf);
        Path file = dir.resolve("chain.pem");
        Files.writeString(
                file, "subject=CN=localhost\r\n" + Pem.certificates(chain).replace("\n", "\r\n") + "trailing words\n");
        assertThat(Pem.readCertificates(file)).containsExactlyElementsOf(chain);
        assertThat(TrustAnchors.fromPem(file).roots()).containsExactlyElementsOf(chain);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "empty file                 | ''                                                                                    | no PEM certificate found",
                "not PEM at all             | hello world                                                                           | no PEM certificate found",
                "bad base64                 | -----BEGIN CERTIFICATE-----\\n!!!notbase64!!!\\n-----END CERTIFICATE-----\\n          | certificate 1 (BEGIN at line 1) is not valid base64",
                "base64 but not a cert      | -----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\\n                     | certificate 1 (BEGIN at line 1) is not a valid X.509 certificate",
                "no END line                | -----BEGIN CERTIFICATE-----\\nAAAA\\n                                                | has no END CERTIFICATE line",
                "END without BEGIN          | -----END CERTIFICATE-----\\n                                                          | line 1: END CERTIFICATE without BEGIN",
                "private key in a cert block| -----BEGIN CERTIFICATE-----\\n-----BEGIN PRIVATE KEY-----\\n                           | line 2: unexpected"
            })
    void malformedInputGivesOneClearLine(String name, String content, String expected) throws Exception {
        Path file = dir.resolve("bad.pem");
        Files.writeString(file, content.replace("\\n", "\n"));
        assertThatThrownBy(() -> Pem.readCertificates(file))
                .isInstanceOf(PemFormatException.class)
                .hasMessageStartingWith(file.toString() + ": ")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void derFilesAreReadOneOrSeveralConcatenated() throws Exception {
        List<X509Certificate> chain = PKI.served(PKI.leaf);
        java.io.ByteArrayOutputStream der = new java.io.ByteArrayOutputStream();
        for (X509Certificate c : chain) {
            der.write(c.getEncoded());
        }
        Path file = dir.resolve("chain.der");
        Files.write(file, der.toByteArray());
        assertThat(Pem.readCertificates(file)).containsExactlyElementsOf(chain);
        Files.write(file, new byte[] {0x30, 0x03, 0x02, 0x01});
        assertThatThrownBy(() -> Pem.readCertificates(file))
                .isInstanceOf(PemFormatException.class)
                .hasMessageContaining("not a valid DER certificate");
    }

    @Test
    void missingFileIsAClearError() {
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> Pem.readCertificates(missing))
                .isInstanceOf(PemFormatException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void jdkDefaultsAreLoadedOnceAndNotEmpty() {
        assertThat(TrustAnchors.jdkDefaults().roots()).isNotEmpty();
        assertThat(TrustAnchors.jdkDefaults()).isSameAs(TrustAnchors.jdkDefaults());
    }
}
