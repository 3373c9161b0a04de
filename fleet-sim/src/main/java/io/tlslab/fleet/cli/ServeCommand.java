package io.tlslab.fleet.cli;

import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.scenario.Scenario;
import io.tlslab.ca.scenario.ScenarioMinter;
import io.tlslab.ca.store.Pem;
import io.tlslab.cli.UsageException;
import io.tlslab.fleet.server.InProcessAuthority;
import io.tlslab.fleet.target.NettyTlsServer;
import io.tlslab.tls.KeyExchangeGroup;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.validation.PemCertificates;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tlslab-fleet serve}: a load target in its own process (the benchmark runs server and fleet
 * as separate processes, like nginx), presenting a given key and chain until it is stopped.
 */
@Command(
        name = "serve",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "Starts a TLS server on loopback presenting a key and chain (PEM files, or a freshly minted scenario),",
            "prints its address, and runs until Ctrl-C or SIGTERM. Used by bench/handshake-bench.sh.",
            "",
            "Examples:",
            "  tlslab-fleet serve --key leaf.key --chain chain.pem --engine OPENSSL --port 8443",
            "  tlslab-fleet serve --scenario VALID_RSA_2048 --server netty",
            ""
        })
public final class ServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--server",
            defaultValue = "authority",
            description =
                    "authority (authority server, endpoint listener) or netty (bare Netty TLS) (default ${DEFAULT-VALUE})")
    String serverKind;

    @Option(
            names = "--engine",
            defaultValue = "OPENSSL",
            description = "server TLS engine: JDK or OPENSSL (default ${DEFAULT-VALUE})")
    String engine;

    @Option(
            names = "--port",
            defaultValue = "0",
            description = "port to listen on, 0 = any free port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--key", description = "PEM private key (with --chain)")
    Path key;

    @Option(names = "--chain", description = "PEM chain to serve, leaf first (with --key)")
    Path chain;

    @Option(
            names = "--scenario",
            defaultValue = "VALID_EC_P256",
            description = "scenario to mint when no --key/--chain (default ${DEFAULT-VALUE})")
    String scenario;

    @Option(names = "--threads", description = "event-loop threads of the netty server (default: cores)")
    Integer threads;

    @Option(
            names = "--ping-interval",
            description = "authority server: keep-alive PING interval on idle connections (default: the server's, 30s)")
    java.time.Duration pingInterval;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        TlsEngine tls = LoadCommand.parse(() -> TlsEngine.parse(engine));
        if ((key == null) != (chain == null)) {
            throw new UsageException("--key and --chain go together");
        }
        PrivateKey privateKey;
        List<X509Certificate> served;
        if (key != null) {
            privateKey = Pem.readPrivateKey(key);
            served = PemCertificates.read(chain);
        } else {
            Scenario sc = LoadCommand.parse(() -> Scenario.parse(scenario));
            MintedScenario minted = new ScenarioMinter().mint(sc, "localhost");
            privateKey = minted.leaf().privateKey();
            served = minted.servedChain();
        }
        AutoCloseable server;
        int boundPort;
        String kind = serverKind.trim().toLowerCase(Locale.ROOT);
        if (kind.equals("authority")) {
            InProcessAuthority authority = InProcessAuthority.startThrowaway(tls, port, config -> {
                if (pingInterval != null) {
                    config.pingInterval(pingInterval);
                }
            });
            authority.server().present(privateKey, served);
            server = authority;
            boundPort = authority.server().messagingPort();
        } else if (kind.equals("netty")) {
            NettyTlsServer netty = NettyTlsServer.start(
                    privateKey,
                    served,
                    tls,
                    KeyExchangeGroup.ENGINE_DEFAULT,
                    port,
                    threads == null ? Runtime.getRuntime().availableProcessors() : threads);
            server = netty;
            boundPort = netty.address().getPort();
        } else {
            throw new UsageException("unknown --server '" + serverKind + "', expected authority or netty");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                server.close();
                            } catch (Exception e) {
                                // stopping anyway
                            }
                            stopped.countDown();
                        },
                        "serve-shutdown"));
        out.printf("listening on 127.0.0.1:%d (%s, %s); Ctrl-C to stop%n", boundPort, kind, tls);
        out.flush();
        stopped.await();
        return 0;
    }
}
