package io.tlslab.e2e.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** The runnable jars of the reactor, each with the Dockerfile that packages it. */
public enum TlslabJar {
    CA("cert-authority", "tlslab-ca.jar"),
    CLIENT("endpoint-client", "tlslab-client.jar"),
    SERVER("authority-server", "tlslab-server.jar"),
    FLEET("fleet-sim", "tlslab-fleet.jar");

    private final String module;
    private final String fileName;

    TlslabJar(String module, String fileName) {
        this.module = module;
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    /** The shaded jar; fails with a hint when the reactor has not packaged it yet. */
    public Path path() {
        Path jar = Reactor.root().resolve(module).resolve("target").resolve(fileName);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the e2e tests through the reactor "
                    + "(mvn verify) so the upstream modules are packaged first");
        }
        return jar;
    }

    public Path dockerfile() {
        return Reactor.root().resolve("docker").resolve(module).resolve("Dockerfile");
    }
}
