package io.tlslab.e2e.loopback;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.e2e.support.CliResult;
import io.tlslab.e2e.support.MintedSet;
import io.tlslab.e2e.support.ServerProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The article, as an admin performs it, against {@code tlslab-server start} running in its own JVM:
 * install a CA-signed certificate on the console, {@code useHttpsCertificate}, restart, strict
 * validation on. Every command goes through the real CLI and the console API.
 */
class ArticleWalkthroughIT {

    static final String USE_HTTPS_CERTIFICATE = "c42.sabre.server.certificate.useHttpsCertificate";
    static final String STRICT = "c42.sabre.client.certificate.strictValidation";
    static final String FINGERPRINTS_ALIAS = "c42.pki.cert.trustedFingerprints";

    static MintedSet minted;

    @TempDir
    Path data;
    ServerProcess server;

    @BeforeAll
    static void mint() {
        minted = MintedSet.shared("localhost");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static void assertAccepted(CliResult result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    @Test
    void ca_signed_certificate_reaches_the_messaging_port_only_after_use_https_certificate_and_a_restart() {
        server = ServerProcess.start("server-walkthrough", data.resolve("server"));
        String selfSigned = server.messagingSha256();
        MintedSet.Scenario valid = minted.scenario("valid-rsa-2048");

        assertAccepted(server.cert("import", "--file", valid.keystorePkcs12().toString(), "--password", "changeit"));
        assertAccepted(server.cli("prop.set " + USE_HTTPS_CERTIFICATE + " true save all"));
        assertThat(server.messagingSha256()).as("4287 keeps its certificate until the restart").isEqualTo(selfSigned);

        server.restart();

        assertThat(server.consoleSha256()).isEqualTo(valid.leafSha256());
        assertThat(server.messagingSha256()).isEqualTo(valid.leafSha256());
        CliResult shown = server.cli("prop.show " + USE_HTTPS_CERTIFICATE);
        assertThat(shown.stdout()).as(shown.toString()).contains(USE_HTTPS_CERTIFICATE + " = true (replicated)");
    }

    @Test
    void article_commands_are_accepted_verbatim_and_survive_a_restart() {
        server = ServerProcess.start("server-commands", data.resolve("server"));
        String pinned = minted.scenario("untrusted-root").leafSha1();

        assertAccepted(server.cli("prop.set " + FINGERPRINTS_ALIAS + " " + pinned + " save"));
        assertAccepted(server.cli("setting.set system " + STRICT + " true"));
        server.restart();

        CliResult fingerprints = server.cli("prop.show " + FINGERPRINTS_ALIAS);
        assertThat(fingerprints.stdout().replace(":", "").toUpperCase()).as(fingerprints.toString())
                .contains(pinned.replace(":", ""));
        CliResult strict = server.cli("setting.show system " + STRICT);
        assertThat(strict.stdout()).as(strict.toString()).contains("true");
    }

    @Test
    void malformed_fingerprint_is_refused_with_exit_1_and_changes_nothing() {
        server = ServerProcess.start("server-bad-input", data.resolve("server"));

        CliResult refused = server.cli("prop.set " + FINGERPRINTS_ALIAS + " not-a-fingerprint save");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stderr()).isNotBlank().doesNotContain("Exception");
        CliResult shown = server.cli("prop.show " + FINGERPRINTS_ALIAS);
        assertThat(shown.stdout()).doesNotContain("not-a-fingerprint");
    }
}
