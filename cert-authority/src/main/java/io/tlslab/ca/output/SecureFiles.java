package io.tlslab.ca.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes output files; anything holding a private key is created owner-only (0600) from the start. */
public final class SecureFiles {
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SecureFiles() {}

    /** Public material (certificates, trust stores, manifests). */
    public static Path writePublic(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, content);
    }

    /**
     * Secret material (private keys, key stores): created with owner-only permissions, so the key is
     * never readable by others, not even between creation and a later chmod.
     */
    public static Path writeSecret(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!POSIX) {
            return Files.write(file, content);
        }
        if (Files.exists(file)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
        try (SeekableByteChannel ch = Files.newByteChannel(
                file,
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
                attr)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
        // the umask may have narrowed the creation mode further, never widened it; make it exact
        Files.setPosixFilePermissions(file, OWNER_ONLY);
        return file;
    }

    /** True where the file system has POSIX permissions (so owner-only can be enforced and tested). */
    public static boolean posix() {
        return POSIX;
    }
}
