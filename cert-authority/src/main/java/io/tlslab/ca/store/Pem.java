package io.tlslab.ca.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;

/** PEM text for certificates, chains and PKCS#8 private keys, and the reverse. */
public final class Pem {
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {}

    public static String certificate(X509Certificate certificate) {
        try {
            return block("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    /** Concatenated certificates in the given order (for a chain: leaf first, as served). */
    public static String certificates(Collection<X509Certificate> certificates) {
        StringBuilder sb = new StringBuilder();
        certificates.forEach(c -> sb.append(certificate(c)));
        return sb.toString();
    }

    /** Concatenated CRLs ({@code BEGIN X509 CRL}), the form OpenSSL's {@code -CRLfile} and tlslab's {@code --crl} read. */
    public static String crls(Collection<java.security.cert.X509CRL> crls) {
        StringBuilder sb = new StringBuilder();
        for (java.security.cert.X509CRL crl : crls) {
            try {
                sb.append(block("X509 CRL", crl.getEncoded()));
            } catch (java.security.cert.CRLException e) {
                throw new IllegalArgumentException("CRL cannot be encoded", e);
            }
        }
        return sb.toString();
    }

    /**
     * Every CRL in a PEM or DER file, in file order.
     *
     * @throws IOException if unreadable; {@link IllegalArgumentException} if it holds no CRL
     */
    public static List<java.security.cert.X509CRL> readCrls(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            List<java.security.cert.X509CRL> result = new ArrayList<>();
            for (java.security.cert.CRL c :
                    CertificateFactory.getInstance("X.509").generateCRLs(new ByteArrayInputStream(bytes))) {
                result.add((java.security.cert.X509CRL) c);
            }
            if (result.isEmpty()) {
                throw new IllegalArgumentException(file + " holds no CRL");
            }
            return result;
        } catch (CertificateException | java.security.cert.CRLException e) {
            throw new IllegalArgumentException(file + " is not a PEM or DER CRL file: " + e.getMessage(), e);
        }
    }

    /** Unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), the form OpenSSL 1.1+, Netty and nginx read. */
    public static String privateKey(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("private key is not PKCS#8-encodable (format " + key.getFormat() + ")");
        }
        return block("PRIVATE KEY", key.getEncoded());
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + BASE64.encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /**
     * Every certificate in a PEM or DER file, in file order.
     *
     * @throws IOException if unreadable; {@link IllegalArgumentException} if it holds no certificate
     */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            Collection<? extends java.security.cert.Certificate> parsed =
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
            List<X509Certificate> result = new ArrayList<>();
            for (java.security.cert.Certificate c : parsed) {
                result.add((X509Certificate) c);
            }
            if (result.isEmpty()) {
                throw new IllegalArgumentException(file + " holds no certificate");
            }
            return result;
        } catch (CertificateException e) {
            throw new IllegalArgumentException(file + " is not a PEM or DER certificate file: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a PEM private key: PKCS#8 ({@code PRIVATE KEY}) or traditional ({@code RSA/EC PRIVATE KEY}).
     *
     * @throws IllegalArgumentException if the text holds no unencrypted private key
     */
    public static PrivateKey readPrivateKey(String pem) {
        try (Reader r = new StringReader(pem);
                PEMParser parser = new PEMParser(r)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof PrivateKeyInfo info) {
                    return toJdkKey(info);
                }
                if (o instanceof PEMKeyPair pair) {
                    return toJdkKey(pair.getPrivateKeyInfo());
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a PEM private key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("no unencrypted private key found in PEM text");
    }

    public static PrivateKey readPrivateKey(Path file) throws IOException {
        try {
            return readPrivateKey(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Makes a plain JDK key from PKCS#8, so TLS engines and key stores treat it like any other. */
    private static PrivateKey toJdkKey(PrivateKeyInfo info) throws IOException {
        String oid = info.getPrivateKeyAlgorithm().getAlgorithm().getId();
        String algorithm = switch (oid) {
            case "1.2.840.113549.1.1.1" -> "RSA";
            case "1.2.840.10045.2.1" -> "EC";
            case "1.3.101.112" -> "Ed25519";
            default -> throw new IllegalArgumentException("unsupported private key algorithm " + oid);
        };
        try {
            return java.security.KeyFactory.getInstance(algorithm)
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("unreadable " + algorithm + " private key: " + e.getMessage(), e);
        }
    }
}
