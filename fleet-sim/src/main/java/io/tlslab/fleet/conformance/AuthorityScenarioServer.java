package io.tlslab.fleet.conformance;

import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.fleet.server.InProcessAuthority;
import io.tlslab.tls.TlsEngine;
import java.net.InetSocketAddress;

/**
 * Presents scenarios on a real authority server's endpoint listener (4287, here an ephemeral port):
 * one in-process server for the whole run, told to present each scenario's key and chain in turn.
 */
public final class AuthorityScenarioServer implements ScenarioServer {
    private final TlsEngine engine;
    private InProcessAuthority authority;

    public AuthorityScenarioServer(TlsEngine engine) {
        this.engine = engine;
    }

    @Override
    public String description() {
        return "authority-server endpoint listener (" + engine + ")";
    }

    @Override
    public Running start(MintedScenario scenario) {
        if (authority == null) {
            authority = InProcessAuthority.startThrowaway(engine);
        }
        authority.server().present(scenario.leaf().privateKey(), scenario.servedChain());
        InetSocketAddress address =
                new InetSocketAddress("127.0.0.1", authority.server().messagingPort());
        return new Running() {
            @Override
            public InetSocketAddress address() {
                return address;
            }

            @Override
            public void close() {
                // the server stays up for the next scenario; it is stopped with this ScenarioServer
            }
        };
    }

    @Override
    public void close() {
        if (authority != null) {
            authority.close();
            authority = null;
        }
    }
}
