package io.tlslab.tls.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CRL;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Operator-supplied CRLs ({@code --crl FILE|DIR}, endpoint key {@code crl}): a PEM or DER file, or a
 * directory whose regular files ending in .pem, .crl or .der are read in name order. Bounded, because the
 * path comes from outside: at most {@link #MAX_FILES} files of at most {@link #MAX_FILE_BYTES} each.
 */
public final class CrlFiles {
    static final int MAX_FILES = 1_000;
    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private CrlFiles() {}

    /**
     * @throws PemFormatException one line naming the file at fault: missing, unreadable, too large, or
     *                            holding no CRL or a broken one
     */
    public static List<X509CRL> read(Path fileOrDirectory) {
        if (Files.isDirectory(fileOrDirectory)) {
            List<Path> files;
            try (Stream<Path> list = Files.list(fileOrDirectory)) {
                files = list.filter(Files::isRegularFile)
                        .filter(CrlFiles::looksLikeCrl)
                        .sorted()
                        .limit(MAX_FILES + 1L)
                        .toList();
            } catch (IOException e) {
                throw new PemFormatException(fileOrDirectory + ": cannot list (" + e.getMessage() + ")");
            }
            if (files.size() > MAX_FILES) {
                throw new PemFormatException(fileOrDirectory + ": more than " + MAX_FILES + " CRL files");
            }
            if (files.isEmpty()) {
                throw new PemFormatException(fileOrDirectory + ": no .pem, .crl or .der file in this directory");
            }
            List<X509CRL> all = new ArrayList<>();
            for (Path f : files) {
                all.addAll(readFile(f));
            }
            return List.copyOf(all);
        }
        return readFile(fileOrDirectory);
    }

    private static boolean looksLikeCrl(Path p) {
        String name = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".pem") || name.endsWith(".crl") || name.endsWith(".der");
    }

    private static List<X509CRL> readFile(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new PemFormatException(file + ": larger than " + (MAX_FILE_BYTES >> 20) + " MB, not a CRL file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PemFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new PemFormatException(file + ": cannot read (" + e.getMessage() + ")");
        }
        try {
            List<X509CRL> crls = new ArrayList<>();
            for (CRL crl : CertificateFactory.getInstance("X.509").generateCRLs(new ByteArrayInputStream(bytes))) {
                crls.add((X509CRL) crl);
            }
            if (crls.isEmpty()) {
                throw new PemFormatException(file + ": holds no CRL (expected PEM 'X509 CRL' blocks or DER)");
            }
            return List.copyOf(crls);
        } catch (CRLException | CertificateException | RuntimeException e) {
            if (e instanceof PemFormatException p) {
                throw p;
            }
            throw new PemFormatException(file + ": not a CRL file (" + e.getMessage() + ")");
        }
    }
}
