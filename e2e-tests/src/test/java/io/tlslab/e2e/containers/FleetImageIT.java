package io.tlslab.e2e.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.e2e.support.TlslabJar;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The fleet image runs the whole conformance matrix inside the container: every scenario, client
 * mode and both TLS engines. On the scratch base image this proves that BoringSSL (netty-tcnative)
 * and the JDK engine load there and still agree with the manifest on every verdict.
 */
@Testcontainers(disabledWithoutDocker = true)
class FleetImageIT {

    @Test
    void conformance_matrix_passes_inside_the_fleet_image_with_both_engines() {
        try (GenericContainer<?> fleet = new GenericContainer<>(TlslabImages.of(TlslabJar.FLEET))) {
            // a one-shot job: start() returns once it exited, and fails unless the exit code is 0
            fleet.withCommand("conformance", "--no-color", "--json", "/data/conformance.json")
                    .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(3)))
                    .start();

            String output = fleet.getLogs();
            assertThat(output).contains("0 mismatches (PASS)");
            assertThat(output).containsPattern("(?m)^VALID_RSA_2048 article\\s+\\|\\s+ACCEPT");
            assertThat(output).containsPattern("(?m)^UNTRUSTED_ROOT webpki\\s+\\|\\s+UNTRUSTED_ROOT");
        }
    }
}
