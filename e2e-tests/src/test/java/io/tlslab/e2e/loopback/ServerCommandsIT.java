package io.tlslab.e2e.loopback;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.e2e.support.CliResult;
import io.tlslab.e2e.support.MintedSet;
import io.tlslab.e2e.support.ServerProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The article's console commands against a server in its own JVM: verbatim, persisted, validated. */
class ServerCommandsIT {

    static final String STRICT = "c42.sabre.client.certificate.strictValidation";
    static final String FINGERPRINTS_ALIAS = "c42.pki.cert.trustedFingerprints";

    @TempDir
    static Path data;

    static ServerProcess server;

    @BeforeAll
    static void start() {
        server = ServerProcess.start("server-commands", data.resolve("server"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void article_commands_are_accepted_verbatim_and_survive_a_restart() {
        String pinned = MintedSet.shared("localhost").scenario("untrusted-root").leafSha1();

        CliResult pin = server.cli("prop.set " + FINGERPRINTS_ALIAS + " " + pinned + " save");
        assertThat(pin.exitCode()).as(pin.toString()).isZero();
        CliResult strict = server.cli("setting.set system " + STRICT + " true");
        assertThat(strict.exitCode()).as(strict.toString()).isZero();
        server.restart();

        CliResult fingerprints = server.cli("prop.show " + FINGERPRINTS_ALIAS);
        assertThat(fingerprints.stdout().replace(":", "").toUpperCase())
                .as(fingerprints.toString())
                .contains(pinned.replace(":", ""));
        CliResult shown = server.cli("setting.show system " + STRICT);
        assertThat(shown.stdout()).as(shown.toString()).contains("true");
    }

    @Test
    void malformed_fingerprint_is_refused_with_exit_1_and_changes_nothing() {
        CliResult refused = server.cli("prop.set " + FINGERPRINTS_ALIAS + " not-a-fingerprint save");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stderr()).isNotBlank().doesNotContain("Exception");
        CliResult shown = server.cli("prop.show " + FINGERPRINTS_ALIAS);
        assertThat(shown.stdout()).doesNotContain("not-a-fingerprint");
    }
}
