package io.tlslab.protocol.pem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CRL;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * PEM (and DER) for certificates, chains and CRLs, and PKCS#8 PEM for private keys: the one place tlslab
 * reads and writes them. Only JDK types, so the throwaway CA and tls-core share it. Certificate PEM is parsed
 * by hand rather than by {@code CertificateFactory} on the whole stream, so a broken file yields one line
 * saying which block on which line is wrong. Reading a private key needs Bouncy Castle (traditional and
 * encrypted forms): that is cert-authority's {@code PemKeys}, built on this class.
 */
public final class Pem {
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    /** A DER file starts with an ASN.1 SEQUENCE tag; PEM is text. */
    private static final byte DER_SEQUENCE = 0x30;
    /** A file named from outside is read whole: bounded. */
    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private Pem() {}

    /** One {@code BEGIN CERTIFICATE} block. */
    public static String certificate(X509Certificate certificate) {
        try {
            return block("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** Concatenated certificates in the given order (for a chain: leaf first, as served). */
    public static String certificates(Collection<X509Certificate> certificates) {
        StringBuilder sb = new StringBuilder();
        certificates.forEach(c -> sb.append(certificate(c)));
        return sb.toString();
    }

    /** Concatenated CRLs ({@code BEGIN X509 CRL}), the form OpenSSL's {@code -CRLfile} and tlslab's {@code --crl} read. */
    public static String crls(Collection<X509CRL> crls) {
        StringBuilder sb = new StringBuilder();
        for (X509CRL crl : crls) {
            try {
                sb.append(block("X509 CRL", crl.getEncoded()));
            } catch (CRLException e) {
                throw new IllegalArgumentException("CRL cannot be encoded", e);
            }
        }
        return sb.toString();
    }

    /** Unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), the form OpenSSL 1.1+, Netty and nginx read. */
    public static String privateKey(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("private key is not PKCS#8-encodable (format " + key.getFormat() + ")");
        }
        return block("PRIVATE KEY", key.getEncoded());
    }

    /** Writes the certificates as PEM. */
    public static void write(Path file, List<X509Certificate> certificates) throws IOException {
        Files.writeString(file, certificates(certificates), StandardCharsets.US_ASCII);
    }

    /**
     * Every certificate of a PEM file, in file order; a DER file (binary, starting with an ASN.1 SEQUENCE)
     * is read as one or more concatenated DER certificates.
     *
     * @throws PemFormatException one line naming the file: missing, unreadable, holding no certificate or a broken one
     */
    public static List<X509Certificate> readCertificates(Path file) {
        byte[] bytes = readBounded(file);
        if (bytes.length > 0 && bytes[0] == DER_SEQUENCE) {
            return der(bytes, file.toString());
        }
        return parseCertificates(new String(bytes, StandardCharsets.ISO_8859_1), file.toString());
    }

    /**
     * Parses PEM text; text outside the BEGIN/END markers (e.g. openssl's "subject=" lines, other blocks) is
     * ignored.
     *
     * @param source names the input in error messages
     * @throws PemFormatException when the text holds no certificate or a broken one
     */
    public static List<X509Certificate> parseCertificates(String text, String source) {
        List<X509Certificate> result = certificatesIn(text, source);
        if (result.isEmpty()) {
            throw new PemFormatException(source + ": no PEM certificate found (expected " + BEGIN + ")");
        }
        return result;
    }

    /**
     * The certificates in PEM text, none if it holds no certificate block (a key-only file).
     *
     * @throws PemFormatException when a certificate block is broken
     */
    public static List<X509Certificate> certificatesIn(String text, String source) {
        CertificateFactory factory = x509Factory();
        List<X509Certificate> result = new ArrayList<>();
        String[] lines = text.split("\r?\n|\r", -1);
        StringBuilder base64 = null;
        int blockStart = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (base64 == null) {
                if (line.equals(BEGIN)) {
                    base64 = new StringBuilder();
                    blockStart = i + 1;
                } else if (line.equals(END)) {
                    throw new PemFormatException(source + ": line " + (i + 1) + ": END CERTIFICATE without BEGIN");
                }
            } else if (line.equals(END)) {
                result.add(decode(factory, base64.toString(), source, result.size() + 1, blockStart));
                base64 = null;
            } else if (line.startsWith("-----")) {
                throw new PemFormatException(source + ": line " + (i + 1) + ": unexpected '" + line
                        + "' inside the certificate block starting at line " + blockStart);
            } else {
                base64.append(line);
            }
        }
        if (base64 != null) {
            throw new PemFormatException(
                    source + ": certificate block starting at line " + blockStart + " has no END CERTIFICATE line");
        }
        return List.copyOf(result);
    }

    /**
     * Every CRL in one PEM or DER file, in file order.
     *
     * @throws PemFormatException one line naming the file: missing, unreadable, too large, holding no CRL or a
     *     broken one
     */
    public static List<X509CRL> readCrls(Path file) {
        byte[] bytes = readBounded(file);
        try {
            List<X509CRL> crls = new ArrayList<>();
            for (CRL crl : x509Factory().generateCRLs(new ByteArrayInputStream(bytes))) {
                crls.add((X509CRL) crl);
            }
            if (crls.isEmpty()) {
                throw new PemFormatException(file + ": holds no CRL (expected PEM 'X509 CRL' blocks or DER)");
            }
            return List.copyOf(crls);
        } catch (CRLException | RuntimeException e) {
            if (e instanceof PemFormatException p) {
                throw p;
            }
            throw new PemFormatException(file + ": not a CRL file (" + oneLine(e.getMessage()) + ")");
        }
    }

    private static byte[] readBounded(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new PemFormatException(file + ": larger than " + (MAX_FILE_BYTES >> 20) + " MB");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PemFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new PemFormatException(file + ": cannot read (" + oneLine(e.getMessage()) + ")");
        }
    }

    /** One DER certificate, or several concatenated (as {@code openssl x509 -outform der} writes them). */
    private static List<X509Certificate> der(byte[] bytes, String source) {
        try {
            List<X509Certificate> result = new ArrayList<>();
            for (java.security.cert.Certificate c :
                    x509Factory().generateCertificates(new ByteArrayInputStream(bytes))) {
                result.add((X509Certificate) c);
            }
            if (result.isEmpty()) {
                throw new PemFormatException(source + ": no certificate found in the DER file");
            }
            return List.copyOf(result);
        } catch (CertificateException e) {
            throw new PemFormatException(source + ": not a valid DER certificate: " + oneLine(e.getMessage()));
        }
    }

    private static X509Certificate decode(
            CertificateFactory factory, String base64, String source, int number, int line) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new PemFormatException(source + ": certificate " + number + " (BEGIN at line " + line
                    + ") is not valid base64: " + e.getMessage());
        }
        try {
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new PemFormatException(source + ": certificate " + number + " (BEGIN at line " + line
                    + ") is not a valid X.509 certificate: " + oneLine(e.getMessage()));
        }
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + BASE64.encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static String oneLine(String message) {
        return message == null ? "unparseable DER" : message.replaceAll("\\s+", " ");
    }

    private static CertificateFactory x509Factory() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("JDK lacks an X.509 certificate factory", e);
        }
    }
}
