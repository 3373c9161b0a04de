package io.tlslab.server.cert;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.scenario.Scenario;
import io.tlslab.ca.scenario.ScenarioMinter;
import io.tlslab.server.AuthorityServer;
import io.tlslab.server.support.Servers;
import io.tlslab.server.support.TestEndpoint;
import io.tlslab.server.support.TrustAll;
import io.tlslab.tls.TlsEngine;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both engines serve every defective scenario chain exactly as given: the JDK would otherwise skip
 * expired or weakly signed certificates when choosing what to present.
 */
class PinnedKeyManagerTest {
    private static final ScenarioMinter MINTER = new ScenarioMinter();
    private static final EnumSet<Scenario> DEFECTIVE = EnumSet.of(
            Scenario.MD5_LEAF,
            Scenario.SHA1_INTERMEDIATE,
            Scenario.EXPIRED_LEAF,
            Scenario.NOT_YET_VALID,
            Scenario.REVERSED_CHAIN,
            Scenario.INCOMPLETE_CHAIN,
            Scenario.WEAK_RSA_1024,
            Scenario.WRONG_HOST,
            Scenario.LEAF_EKU_CLIENT_AUTH_ONLY,
            Scenario.VALID_EC_P384);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void everyScenarioChainIsServedAsGiven(TlsEngine engine) throws Exception {
        if (engine == TlsEngine.OPENSSL && !io.netty.handler.ssl.OpenSsl.isAvailable()) {
            return;
        }
        try (AuthorityServer server = Servers.start(dir, engine)) {
            for (Scenario s : DEFECTIVE) {
                MintedScenario m = MINTER.mint(s, "localhost");
                server.present(m.leaf().privateKey(), m.servedChain());
                try (TestEndpoint e = TestEndpoint.connect(server.messagingPort(), m.dialHost(), new TrustAll())) {
                    List<X509Certificate> got = e.serverChain();
                    assertThat(got).as(s + " on " + engine).containsExactlyElementsOf(m.servedChain());
                }
            }
        }
    }
}
