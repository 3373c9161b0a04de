package io.tlslab.tls.validation;

import io.tlslab.protocol.pem.Pem;
import io.tlslab.protocol.pem.PemFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Operator-supplied CRLs ({@code --crl FILE|DIR}, endpoint key {@code crl}): a PEM or DER file, or a
 * directory whose regular files ending in .pem, .crl or .der are read in name order. Bounded, because the
 * path comes from outside: at most {@link #MAX_FILES} files, each bounded by {@link Pem#readCrls}.
 */
public final class CrlFiles {
    static final int MAX_FILES = 1_000;

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
                all.addAll(Pem.readCrls(f));
            }
            return List.copyOf(all);
        }
        return Pem.readCrls(fileOrDirectory);
    }

    private static boolean looksLikeCrl(Path p) {
        String name = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".pem") || name.endsWith(".crl") || name.endsWith(".der");
    }
}
