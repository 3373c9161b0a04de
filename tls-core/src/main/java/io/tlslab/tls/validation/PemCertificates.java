package io.tlslab.tls.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads and writes PEM certificate bundles (and reads DER certificate files, as {@code tlslab-ca inspect} does). Parsed by hand (not {@code CertificateFactory} on the whole
 * stream) so a broken file yields one line saying which block on which line is wrong.
 */
public final class PemCertificates {
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";

    private PemCertificates() {}

    /**
     * Reads every certificate of a PEM file, in file order; a DER file (binary, starting with an ASN.1
     * SEQUENCE) is read as one or more concatenated DER certificates.
     *
     * @throws PemFormatException when the file is missing, unreadable, holds no certificate or a broken one
     */
    public static List<X509Certificate> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PemFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new PemFormatException(file + ": cannot read (" + e.getMessage() + ")");
        }
        if (bytes.length > 0 && bytes[0] == DER_SEQUENCE) {
            return der(bytes, file.toString());
        }
        return parse(new String(bytes, StandardCharsets.ISO_8859_1), file.toString());
    }

    /** A DER file starts with an ASN.1 SEQUENCE tag; PEM is text. */
    private static final byte DER_SEQUENCE = 0x30;

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

    /**
     * Parses PEM text; text outside the BEGIN/END markers (e.g. openssl's "subject=" lines) is ignored.
     *
     * @param source names the input in error messages
     */
    public static List<X509Certificate> parse(String text, String source) {
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
        if (result.isEmpty()) {
            throw new PemFormatException(source + ": no PEM certificate found (expected " + BEGIN + ")");
        }
        return List.copyOf(result);
    }

    /** PEM text for the certificates, in order. */
    public static String toPem(List<X509Certificate> certificates) {
        Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder();
        for (X509Certificate c : certificates) {
            try {
                out.append(BEGIN)
                        .append('\n')
                        .append(encoder.encodeToString(c.getEncoded()))
                        .append('\n')
                        .append(END)
                        .append('\n');
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalArgumentException("cannot encode certificate " + c.getSubjectX500Principal(), e);
            }
        }
        return out.toString();
    }

    /** Writes the certificates as PEM. */
    public static void write(Path file, List<X509Certificate> certificates) {
        try {
            Files.writeString(file, toPem(certificates), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
