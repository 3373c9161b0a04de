package io.tlslab.server.support;

import io.tlslab.server.AuthorityServer;
import io.tlslab.tls.TlsEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Test servers: ephemeral ports on loopback, a known admin password, short timeouts. */
public final class Servers {
    public static final String ADMIN_PASSWORD = "correct horse battery staple";

    private Servers() {}

    public static AuthorityServer.Builder builder(Path dataDir) {
        AuthorityServer.Builder b = AuthorityServer.builder()
                .dataDir(dataDir)
                .bind("127.0.0.1")
                .consolePort(0)
                .messagingPort(0)
                .serverPort(0)
                .hostnames(List.of("localhost", "127.0.0.1"))
                .adminPassword(ADMIN_PASSWORD);
        b.config().handshakeTimeout(Duration.ofMillis(1500)).helloTimeout(Duration.ofSeconds(5));
        return b;
    }

    /** A console client pinned to the server's console certificate, signed in as the first admin. */
    public static io.tlslab.server.cli.ConsoleClient signedIn(AuthorityServer server) throws Exception {
        io.tlslab.server.cli.ConsoleClient c = new io.tlslab.server.cli.ConsoleClient(
                java.net.URI.create("https://127.0.0.1:" + server.consolePort()),
                server.consoleFingerprintSha256().toString(),
                false);
        int status = c.login("admin", ADMIN_PASSWORD).status();
        if (status != 200) {
            throw new IllegalStateException("sign-in answered " + status);
        }
        return c;
    }

    public static AuthorityServer start(Path dataDir) {
        return builder(dataDir).start();
    }

    public static AuthorityServer start(Path dataDir, TlsEngine engine) {
        return builder(dataDir).engine(engine).start();
    }
}
