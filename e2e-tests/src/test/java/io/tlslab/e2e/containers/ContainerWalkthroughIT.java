package io.tlslab.e2e.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlslab.e2e.support.CliResult;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The article's walk-through with the images on a Docker network: the CA image mints certificates
 * whose SANs are the network aliases, the server installs the CA-signed one, switches 4287/4288 to
 * it and restarts, then turns strict validation on for the fleet.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerWalkthroughIT {

    private static final String SERVER = "authority";
    private static final String USE_HTTPS_CERTIFICATE = "c42.sabre.server.certificate.useHttpsCertificate";
    private static final String STRICT = "c42.sabre.client.certificate.strictValidation";

    private static Network network;
    private static CertificateVolume certs;
    private static AuthorityServerContainer server;

    @BeforeAll
    static void startStack() {
        network = Network.newNetwork();
        certs = CertificateVolume.mint(List.of(SERVER), List.of("valid-rsa-2048", "untrusted-root", "wrong-host"));
        server = certs.mountInto(new AuthorityServerContainer(network, SERVER));
        server.start();
    }

    @AfterAll
    static void stopStack() {
        if (server != null) {
            server.stop();
        }
        if (certs != null) {
            certs.close();
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    void server_presents_the_ca_signed_certificate_on_4287_after_use_https_certificate_and_a_restart() {
        JsonNode manifest = CertificateVolume.manifest(server, SERVER);
        String caSigned = CertificateVolume.leafSha256(manifest, "valid-rsa-2048");
        assertThat(server.messagingSha256()).as("first start: self-signed messaging certificate").isNotEqualTo(caSigned);

        CliResult imported = server.importCertificate("/certs/" + SERVER + "/valid-rsa-2048/keystore.p12", "changeit");
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        CliResult set = server.cli("prop.set " + USE_HTTPS_CERTIFICATE + " true save all");
        assertThat(set.exitCode()).as(set.toString()).isZero();

        server.restartAndAwaitBanner();

        assertThat(server.consoleSha256()).isEqualTo(caSigned);
        assertThat(server.messagingSha256()).isEqualTo(caSigned);
        CliResult shown = server.cli("prop.show " + USE_HTTPS_CERTIFICATE);
        assertThat(shown.stdout()).as(shown.toString()).contains("true");

        CliResult strict = server.cli("setting.set system " + STRICT + " true");
        assertThat(strict.exitCode()).as(strict.toString()).isZero();
        assertThat(server.cli("setting.show system " + STRICT).stdout()).contains("true");
    }
}
