package io.tlslab.fleet.conformance;

import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.fleet.target.NettyTlsServer;
import io.tlslab.tls.KeyExchangeGroup;
import io.tlslab.tls.TlsEngine;
import java.net.InetSocketAddress;

/** Presents scenarios with the bare {@link NettyTlsServer} (no messaging protocol behind the handshake). */
public final class NettyScenarioServer implements ScenarioServer {
    private final TlsEngine engine;

    public NettyScenarioServer(TlsEngine engine) {
        this.engine = engine;
    }

    @Override
    public String description() {
        return "bare Netty TLS listener (" + engine + ")";
    }

    @Override
    public Running start(MintedScenario scenario) throws Exception {
        NettyTlsServer server = NettyTlsServer.start(
                scenario.leaf().privateKey(), scenario.servedChain(), engine, KeyExchangeGroup.ENGINE_DEFAULT, 0, 1);
        return new Running() {
            @Override
            public InetSocketAddress address() {
                return server.address();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
