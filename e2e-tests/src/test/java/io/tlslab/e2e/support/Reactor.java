package io.tlslab.e2e.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the reactor's checkout is, so the suite can find the jars and Dockerfiles the build made. */
public final class Reactor {

    private Reactor() {}

    /**
     * The reactor root: Failsafe passes it as {@code tlslab.reactor.root}; from an IDE the working
     * directory is the module or the root, so walk up until the directory that holds {@code docker/}
     * and {@code e2e-tests/}.
     */
    public static Path root() {
        String configured = System.getProperty("tlslab.reactor.root");
        if (configured != null && isRoot(Path.of(configured))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "cannot find the tlslab reactor root above " + Path.of("").toAbsolutePath());
    }

    private static boolean isRoot(Path dir) {
        return Files.isRegularFile(dir.resolve("pom.xml"))
                && Files.isDirectory(dir.resolve("e2e-tests"))
                && Files.isDirectory(dir.resolve("docker"));
    }
}
