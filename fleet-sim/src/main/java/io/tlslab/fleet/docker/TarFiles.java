package io.tlslab.fleet.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** The Docker API copies files in and out of containers as tar archives: one file each way. */
final class TarFiles {

    /** Upper bound on a file read back from a container (a load report is a few hundred KB). */
    static final long MAX_FILE_BYTES = 64L << 20;

    private TarFiles() {}

    /** A tar archive holding one world-readable file. */
    static byte[] single(String name, byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(content.length);
            entry.setMode(0644);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The content of the first file in a tar stream. */
    static byte[] firstFile(InputStream archive) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (e.isFile()) {
                    if (e.getSize() > MAX_FILE_BYTES) {
                        throw new IOException(e.getName() + " is larger than " + MAX_FILE_BYTES + " bytes");
                    }
                    return tar.readNBytes((int) e.getSize());
                }
            }
        }
        throw new IOException("the archive holds no file");
    }
}
