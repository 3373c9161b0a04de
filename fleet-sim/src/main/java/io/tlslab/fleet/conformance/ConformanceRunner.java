package io.tlslab.fleet.conformance;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.scenario.Scenario;
import io.tlslab.ca.scenario.ScenarioMinter;
import io.tlslab.client.validation.ValidationPolicy;
import io.tlslab.client.validation.Verdict;
import io.tlslab.fleet.load.ClientTls;
import io.tlslab.fleet.load.EndpointTrust;
import io.tlslab.fleet.load.EventLoops;
import io.tlslab.fleet.load.FailureCause;
import io.tlslab.fleet.load.KeyExchangeGroup;
import io.tlslab.fleet.load.TlsEngine;
import io.tlslab.protocol.settings.FingerprintList;
import io.tlslab.protocol.validation.ClientMode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs the conformance matrix: every scenario x client mode x engine, each cell one real TLS
 * handshake from an endpoint configured for that mode to a real listener presenting that scenario,
 * its verdict compared with the scenario's manifest.
 */
public final class ConformanceRunner {

    private final ScenarioServer server;
    private final String host;
    private final Duration handshakeTimeout;

    public ConformanceRunner(ScenarioServer server, String host, Duration handshakeTimeout) {
        this.server = server;
        this.host = host;
        this.handshakeTimeout = handshakeTimeout;
    }

    /**
     * @param progress told about each finished cell (for a live line); may ignore it
     */
    public ConformanceReport run(List<Scenario> scenarios, List<ClientMode> modes, List<TlsEngine> engines,
                                 Consumer<ConformanceCell> progress) throws Exception {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        ScenarioMinter minter = new ScenarioMinter();
        List<ConformanceCell> cells = new ArrayList<>();
        EventLoopGroup loops = EventLoops.newGroup(1, "conformance-endpoint");
        try {
            for (Scenario scenario : scenarios) {
                MintedScenario minted = minter.mint(scenario, host);
                try (ScenarioServer.Running listener = server.start(minted)) {
                    for (TlsEngine engine : engines) {
                        for (ClientMode mode : modes) {
                            ConformanceCell cell = handshake(loops, listener.address(), minted, mode, engine);
                            cells.add(cell);
                            progress.accept(cell);
                        }
                    }
                }
            }
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        return ConformanceReport.of(started.toString(), server.description(), host, (System.nanoTime() - t0) / 1e9, cells);
    }

    /** The endpoint's policy for a client mode: only the allowlisted endpoint carries the leaf's SHA-1. */
    static ValidationPolicy policyFor(ClientMode mode, MintedScenario minted) {
        FingerprintList allowlist = mode == ClientMode.ALLOWLISTED ? minted.allowlist() : FingerprintList.empty();
        return ValidationPolicy.forMode(mode, allowlist);
    }

    private ConformanceCell handshake(EventLoopGroup loops, InetSocketAddress address, MintedScenario minted,
                                      ClientMode mode, TlsEngine engine) throws Exception {
        AtomicReference<Verdict> verdict = new AtomicReference<>();
        ValidationPolicy policy = policyFor(mode, minted);
        ClientTls tls = EndpointTrust.validating(engine, KeyExchangeGroup.ENGINE_DEFAULT, minted.trustAnchors(),
                () -> policy, (dialled, chain, v) -> verdict.set(v), false, 16);
        String observed = connectAndHandshake(loops, address, minted.dialHost(), tls, verdict);
        boolean audits = !policy.strictValidation();
        Verdict v = verdict.get();
        return new ConformanceCell(minted.scenario().name(), mode, engine, minted.expected(mode).toString(), observed,
                audits ? minted.expected(ClientMode.STRICT).toString() : null,
                audits ? (v == null ? "NO_VERDICT" : v.strictOutcome().toString()) : null);
    }

    /** The handshake outcome is read from its future; later exceptions only need the connection closed. */
    private static final class QuietClose extends io.netty.channel.ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(io.netty.channel.ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private String connectAndHandshake(EventLoopGroup loops, InetSocketAddress address, String dialHost, ClientTls tls,
                                       AtomicReference<Verdict> verdict) throws InterruptedException {
        AtomicReference<SslHandler> sslHandler = new AtomicReference<>();
        ChannelFuture connect = new Bootstrap().group(loops).channel(EventLoops.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) handshakeTimeout.toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        SslHandler ssl = tls.context().newHandler(ch.alloc(), dialHost, address.getPort());
                        ssl.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
                        sslHandler.set(ssl); // kept: the pipeline empties when the server hangs up
                        ch.pipeline().addLast(ssl, new QuietClose());
                    }
                })
                .connect(address);
        if (!connect.await(handshakeTimeout.toMillis() * 2) || !connect.isSuccess()) {
            connect.channel().close();
            return "ERROR:" + (connect.cause() == null ? FailureCause.CONNECT_TIMEOUT : FailureCause.classify(connect.cause()));
        }
        Channel channel = connect.channel();
        try {
            Future<Channel> handshake = sslHandler.get().handshakeFuture();
            if (!handshake.await(handshakeTimeout.toMillis() * 2)) {
                return "ERROR:" + FailureCause.HANDSHAKE_TIMEOUT;
            }
            Verdict v = verdict.get();
            if (handshake.isSuccess()) {
                // an accepted handshake must come with an accepting verdict: the validator ran
                return v != null && v.accepted() ? "ACCEPT" : "ERROR:ACCEPTED_WITHOUT_VERDICT";
            }
            if (v != null && !v.accepted()) {
                return v.outcome().toString();
            }
            return "ERROR:" + FailureCause.classify(handshake.cause());
        } finally {
            channel.close().awaitUninterruptibly(handshakeTimeout.toMillis());
        }
    }
}
