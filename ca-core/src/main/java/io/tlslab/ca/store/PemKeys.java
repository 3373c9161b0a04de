package io.tlslab.ca.store;

import io.tlslab.ca.BouncyCastle;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Reads a PEM private key: PKCS#8 ({@code PRIVATE KEY}), traditional ({@code RSA/EC PRIVATE KEY}) or
 * encrypted (PKCS#8 or OpenSSL's legacy encryption, decrypted with {@link BouncyCastle#provider()}: the JDK
 * lacks AES-CBC with PKCS#7 padding), with Bouncy Castle's {@link PEMParser}. The one place
 * tlslab decodes a PEM key (the CA's own files, {@code tlslab-fleet serve --key}, the server's keystore
 * import); everything else PEM is {@link io.tlslab.protocol.pem.Pem}'s.
 */
public final class PemKeys {
    private PemKeys() {}

    /**
     * The one private key in PEM text (other blocks, such as certificates, are passed over).
     *
     * @param password for an encrypted key; empty when there is none
     * @return empty when the text holds no private key
     * @throws IllegalArgumentException one line: unparsable text, more than one key, an encrypted key without
     *     or with the wrong password
     */
    public static Optional<PrivateKey> find(String pem, char[] password) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        PrivateKey key = null;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                PrivateKey found = null;
                if (o instanceof PEMKeyPair pair) {
                    found = converter.getKeyPair(pair).getPrivate();
                } else if (o instanceof PrivateKeyInfo info) {
                    found = converter.getPrivateKey(info);
                } else if (o instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    requirePassword(password);
                    try {
                        found = converter.getPrivateKey(
                                encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                                        .setProvider(BouncyCastle.provider())
                                        .build(password)));
                    } catch (PKCSException | OperatorCreationException e) {
                        throw new KeyRefused("wrong password for the encrypted PEM private key", e);
                    }
                } else if (o instanceof PEMEncryptedKeyPair encrypted) {
                    requirePassword(password);
                    try {
                        found = converter
                                .getKeyPair(encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                                        .setProvider(BouncyCastle.provider())
                                        .build(password)))
                                .getPrivate();
                    } catch (IOException e) {
                        throw new KeyRefused("wrong password for the encrypted PEM private key", e);
                    }
                }
                if (found != null) {
                    if (key != null) {
                        throw new KeyRefused("the PEM holds more than one private key: supply exactly one", null);
                    }
                    key = found;
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof KeyRefused refused) {
                throw refused;
            }
            throw new IllegalArgumentException("unparsable PEM (" + oneLine(e.getMessage()) + ")", e);
        }
        return Optional.ofNullable(key);
    }

    /**
     * The unencrypted private key in PEM text.
     *
     * @throws IllegalArgumentException if the text holds no unencrypted private key
     */
    public static PrivateKey readPrivateKey(String pem) {
        return find(pem, new char[0])
                .orElseThrow(() -> new IllegalArgumentException("no unencrypted private key found in PEM text"));
    }

    public static PrivateKey readPrivateKey(Path file) throws IOException {
        try {
            return readPrivateKey(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static void requirePassword(char[] password) {
        if (password == null || password.length == 0) {
            throw new KeyRefused("the PEM private key is encrypted: give its password", null);
        }
    }

    /** A key the text holds but that cannot be used as given: said as is, not as "unparsable". */
    private static final class KeyRefused extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        KeyRefused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static String oneLine(String s) {
        return s == null ? "no detail" : s.lines().findFirst().orElse("no detail");
    }
}
