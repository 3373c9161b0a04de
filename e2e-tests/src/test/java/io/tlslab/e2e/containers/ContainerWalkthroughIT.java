package io.tlslab.e2e.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlslab.e2e.support.CliResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The article's walk-through with the images on a Docker network, as docker/compose.yml runs them:
 * the CA image mints certificates whose SANs are the server's network alias into a volume, the
 * server image installs the CA-signed one, switches 4287/4288 to it and restarts, turns strict
 * validation on; a small fleet of endpoint containers (two 6.x, one 5.4) reacts. Host names are
 * checked for real: the server also answers to an alias that is not in its certificate.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerWalkthroughIT {

    private static final String SERVER = "authority";
    private static final String ALIAS_NOT_IN_SAN = "authority-alias";
    private static final String USE_HTTPS_CERTIFICATE = "c42.sabre.server.certificate.useHttpsCertificate";
    private static final String STRICT = "c42.sabre.client.certificate.strictValidation";

    private static final List<GenericContainer<?>> STARTED = new ArrayList<>();
    private static Network network;
    private static CertificateVolume certs;
    private static AuthorityServerContainer server;
    private static EndpointContainer modern1;
    private static EndpointContainer modern2;
    private static EndpointContainer legacy;

    @BeforeAll
    static void startStack() {
        network = Network.newNetwork();
        certs = CertificateVolume.mint(List.of(SERVER), List.of("valid-rsa-2048", "untrusted-root"));
        server = start(new AuthorityServerContainer(network, SERVER, ALIAS_NOT_IN_SAN));
        modern1 = start(new EndpointContainer(network, "endpoint-6.5", SERVER, "6.5", false));
        modern2 = start(new EndpointContainer(network, "endpoint-6.0", SERVER, "6.0", false));
        legacy = start(new EndpointContainer(network, "endpoint-5.4", SERVER, "5.4", false));
    }

    private static <T extends GenericContainer<T>> T start(T container) {
        certs.mountInto(container).start();
        STARTED.add(container);
        return container;
    }

    @AfterAll
    static void stopStack() {
        for (int i = STARTED.size() - 1; i >= 0; i--) {
            STARTED.get(i).stop();
        }
        if (certs != null) {
            certs.close();
        }
        if (network != null) {
            network.close();
        }
    }

    private static void assertOk(CliResult result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    @Test
    @Order(1)
    void fleet_connects_to_the_default_self_signed_certificate_while_not_strict() {
        for (EndpointContainer e : List.of(modern1, modern2, legacy)) {
            assertThat(e.awaitVerdictAfter(0)).as(e.label()).isEqualTo("ACCEPT");
        }
    }

    @Test
    @Order(2)
    void server_presents_the_ca_signed_certificate_on_4287_after_use_https_certificate_and_a_restart() {
        JsonNode manifest = CertificateVolume.manifest(server, SERVER);
        String caSigned = CertificateVolume.leafSha256(manifest, "valid-rsa-2048");
        assertThat(server.messagingSha256())
                .as("first start: self-signed messaging certificate")
                .isNotEqualTo(caSigned);
        int seen = modern1.verdicts().size();

        assertOk(server.importCertificate(
                CertificateVolume.MOUNT + "/" + SERVER + "/valid-rsa-2048/keystore.p12", "changeit"));
        assertOk(server.cli("prop.set " + USE_HTTPS_CERTIFICATE + " true save all"));
        server.restartAndAwaitBanner();

        assertThat(server.consoleSha256()).isEqualTo(caSigned);
        assertThat(server.messagingSha256()).isEqualTo(caSigned);
        assertThat(modern1.awaitVerdictAfter(seen)).as("reconnects by itself").isEqualTo("ACCEPT");
    }

    @Test
    @Order(3)
    void strict_validation_reaches_the_fleet_and_host_names_are_checked_against_the_san() {
        assertOk(server.cli("setting.set system " + STRICT + " true"));
        modern1.awaitStrictReceived();
        modern2.awaitStrictReceived();

        // endpoints that are strict from their first byte (settings persisted earlier), dialling the
        // server by the name in its certificate and by another alias of the same container
        EndpointContainer byName = start(new EndpointContainer(network, "strict-by-name", SERVER, "6.0", true));
        EndpointContainer byAlias =
                start(new EndpointContainer(network, "strict-by-alias", ALIAS_NOT_IN_SAN, "6.0", true));

        assertThat(byName.awaitVerdictAfter(0)).isEqualTo("ACCEPT");
        assertThat(byAlias.awaitVerdictAfter(0)).isEqualTo("REJECT:HOSTNAME_MISMATCH");
    }

    @Test
    @Order(4)
    void untrusted_root_is_refused_by_the_strict_endpoints_while_the_5x_endpoint_connects() {
        int seen1 = modern1.verdicts().size();
        int seen2 = modern2.verdicts().size();
        int seenLegacy = legacy.verdicts().size();

        assertOk(server.importCertificate(
                CertificateVolume.MOUNT + "/" + SERVER + "/untrusted-root/keystore.p12", "changeit"));
        server.restartAndAwaitBanner();

        assertThat(modern1.awaitVerdictAfter(seen1)).isEqualTo("REJECT:UNTRUSTED_ROOT");
        assertThat(modern2.awaitVerdictAfter(seen2)).isEqualTo("REJECT:UNTRUSTED_ROOT");
        assertThat(legacy.awaitVerdictAfter(seenLegacy)).isEqualTo("ACCEPT");
    }
}
