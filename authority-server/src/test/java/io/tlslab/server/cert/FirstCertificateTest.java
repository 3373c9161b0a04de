package io.tlslab.server.cert;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.scenario.Scenario;
import io.tlslab.ca.scenario.ScenarioMinter;
import io.tlslab.server.AuthorityServer;
import io.tlslab.server.support.Servers;
import io.tlslab.server.support.TestEndpoint;
import io.tlslab.server.support.TrustAll;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A certificate given to the builder is what the messaging ports present from the very first
 * connection (the lab's `serve --key --chain` used to bind with the default self-signed one and swap it
 * in a moment later), and it is installed as an admin's import would be: a restart keeps serving it.
 */
class FirstCertificateTest {
    private static final ScenarioMinter MINTER = new ScenarioMinter();

    @TempDir
    Path dir;

    @Test
    void theFirstConnectionMeetsTheGivenCertificateAndARestartKeepsIt() throws Exception {
        MintedScenario valid = MINTER.mint(Scenario.VALID_EC_P256, "localhost");
        AuthorityServer server = Servers.builder(dir)
                .messagingCertificate(valid.leaf(), valid.servedChain())
                .start();
        try {
            try (TestEndpoint e = TestEndpoint.connect(server.messagingPort(), "localhost", new TrustAll())) {
                assertThat(e.serverChain()).containsExactlyElementsOf(valid.servedChain());
            }
            server = server.restart();
            try (TestEndpoint e = TestEndpoint.connect(server.messagingPort(), "localhost", new TrustAll())) {
                assertThat(e.serverChain().get(0)).isEqualTo(valid.leaf().certificate());
            }
        } finally {
            server.close();
        }
    }

    @Test
    void aChainTheImporterRefusesIsPresentedFromTheFirstConnectionForThisRunOnly() throws Exception {
        MintedScenario expired = MINTER.mint(Scenario.EXPIRED_LEAF, "localhost");
        AuthorityServer server = Servers.builder(dir)
                .messagingCertificate(expired.leaf(), expired.servedChain())
                .start();
        try {
            try (TestEndpoint e = TestEndpoint.connect(server.messagingPort(), "localhost", new TrustAll())) {
                assertThat(e.serverChain()).containsExactlyElementsOf(expired.servedChain());
            }
            server = server.restart();
            try (TestEndpoint e = TestEndpoint.connect(server.messagingPort(), "localhost", new TrustAll())) {
                assertThat(e.serverChain().get(0)).isNotEqualTo(expired.leaf().certificate());
            }
        } finally {
            server.close();
        }
    }
}
