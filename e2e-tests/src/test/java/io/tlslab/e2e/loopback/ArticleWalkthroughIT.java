package io.tlslab.e2e.loopback;

import static io.tlslab.e2e.support.EndpointProcess.RETRY;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.e2e.support.CliResult;
import io.tlslab.e2e.support.EndpointProcess;
import io.tlslab.e2e.support.MintedSet;
import io.tlslab.e2e.support.ServerProcess;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The article's rollout as an admin lives it, every component in its own JVM on loopback: an
 * authority server ({@code tlslab-server start}), a 6.0 and a 5.4 endpoint
 * ({@code tlslab-client connect}) trusting the lab CA's root, admin commands through
 * {@code tlslab-server cli} and {@code cert}. The steps build on each other, hence the order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArticleWalkthroughIT {

    static final String USE_HTTPS_CERTIFICATE = "c42.sabre.server.certificate.useHttpsCertificate";
    static final String STRICT = "c42.sabre.client.certificate.strictValidation";

    @TempDir
    static Path data;

    static MintedSet minted;
    static ServerProcess server;
    static EndpointProcess modern;
    static EndpointProcess legacy;

    @BeforeAll
    static void startFleet() {
        minted = MintedSet.shared("localhost");
        server = ServerProcess.start("server", data.resolve("server"));
        modern = EndpointProcess.start(
                "endpoint-6.0",
                server.messagingPort(),
                "localhost",
                minted.rootPem(),
                data.resolve("endpoint-6.0"),
                "6.0");
        legacy = EndpointProcess.start(
                "endpoint-5.4",
                server.messagingPort(),
                "localhost",
                minted.rootPem(),
                data.resolve("endpoint-5.4"),
                "5.4");
    }

    @AfterAll
    static void stopFleet() {
        for (AutoCloseable c : new AutoCloseable[] {modern, legacy, server}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep stopping the others
            }
        }
    }

    private static void assertOk(CliResult result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    private static void installAndRestart(String scenario) {
        assertOk(server.cert(
                "import", "--file", minted.scenario(scenario).keystorePkcs12().toString(), "--password", "changeit"));
        server.restart();
    }

    @Test
    @Order(1)
    void before_strict_validation_endpoints_accept_the_self_signed_certificate_and_audit_it() {
        assertThat(modern.awaitVerdictAfter(0)).isEqualTo("ACCEPT");
        assertThat(legacy.awaitVerdictAfter(0)).isEqualTo("ACCEPT");
        assertThat(modern.process().log())
                .as("what strict mode would reject")
                .containsPattern(Pattern.compile("(?m)^audit:\\s+SELF_SIGNED"));
    }

    @Test
    @Order(2)
    void ca_signed_certificate_reaches_4287_after_use_https_certificate_and_a_restart() {
        String selfSigned = server.messagingSha256();
        MintedSet.Scenario valid = minted.scenario("valid-rsa-2048");
        int seen = modern.verdictCount();

        assertOk(server.cert("import", "--file", valid.keystorePkcs12().toString(), "--password", "changeit"));
        assertOk(server.cli("prop.set " + USE_HTTPS_CERTIFICATE + " true save all"));
        assertThat(server.messagingSha256())
                .as("4287 keeps its certificate until the restart")
                .isEqualTo(selfSigned);
        server.restart();

        assertThat(server.consoleSha256()).isEqualTo(valid.leafSha256());
        assertThat(server.messagingSha256()).isEqualTo(valid.leafSha256());
        CliResult shown = server.cli("prop.show " + USE_HTTPS_CERTIFICATE);
        assertThat(shown.stdout()).as(shown.toString()).contains(USE_HTTPS_CERTIFICATE + " = true (replicated)");
        assertThat(modern.awaitVerdictAfter(seen))
                .as("the endpoint reconnects by itself")
                .isEqualTo("ACCEPT");
    }

    @Test
    @Order(3)
    void strict_validation_reaches_the_endpoints_and_the_ca_signed_certificate_passes_it() {
        assertOk(server.cli("setting.set system " + STRICT + " true"));

        modern.awaitStrictReceived();
        int seen = modern.verdictCount();
        server.restart();
        assertThat(modern.awaitVerdictAfter(seen)).isEqualTo("ACCEPT");
        assertThat(modern.process().log()).containsPattern(Pattern.compile("(?m)^checks:\\s+all strict checks pass"));
    }

    @Test
    @Order(4)
    void untrusted_certificate_is_refused_by_strict_endpoints_only_and_they_keep_retrying() {
        int seenModern = modern.verdictCount();
        int seenLegacy = legacy.verdictCount();
        int retries = modern.process().count(RETRY);

        installAndRestart("untrusted-root");

        assertThat(modern.awaitVerdictAfter(seenModern)).isEqualTo("REJECT:UNTRUSTED_ROOT");
        modern.process().awaitCount(RETRY, retries + 2, java.time.Duration.ofSeconds(30));
        assertThat(modern.verdicts().subList(seenModern, modern.verdictCount())).containsOnly("REJECT:UNTRUSTED_ROOT");
        assertThat(legacy.awaitVerdictAfter(seenLegacy))
                .as("5.x never validates strictly")
                .isEqualTo("ACCEPT");
    }

    @Test
    @Order(5)
    void retry_routine_recovers_once_the_certificate_is_fixed() {
        int seen = modern.verdictCount();

        installAndRestart("valid-rsa-2048");

        modern.awaitVerdictAfter(seen, "ACCEPT");
    }

    @Test
    @Order(6)
    void restarted_endpoint_validates_strictly_from_its_first_handshake_with_persisted_settings() {
        modern.stop();
        installAndRestart("wrong-host");

        modern.restart();

        assertThat(modern.startupMode()).isEqualTo("strict");
        assertThat(modern.awaitVerdictAfter(0))
                .as("first handshake after the restart")
                .isEqualTo("REJECT:HOSTNAME_MISMATCH");
    }
}
