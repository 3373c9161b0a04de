package io.tlslab.fleet.cli;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.scenario.Scenario;
import io.tlslab.ca.scenario.ScenarioMinter;
import io.tlslab.ca.store.PemKeys;
import io.tlslab.cli.UsageException;
import io.tlslab.fleet.server.InProcessAuthority;
import io.tlslab.fleet.target.NettyTlsServer;
import io.tlslab.protocol.pem.Pem;
import io.tlslab.tls.KeyExchangeGroup;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.cli.EngineOption;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
            "  tlslab-fleet serve --key a.key --chain a.pem --restart-after 60s --rotate-key b.key --rotate-chain b.pem",
            "      (a reconnect storm for a fleet holding connections: restart once, serving a new certificate)",
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

    @Mixin
    EngineOption engine;

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

    @Option(
            names = "--accept-loops",
            defaultValue = "auto",
            paramLabel = "auto|0|N",
            converter = io.tlslab.server.cli.AcceptLoopsConverter.class,
            description = "authority server: auto = one SO_REUSEPORT listening socket per event loop (Linux"
                    + " epoll; default), 0 = one listening socket, N = N SO_REUSEPORT sockets")
    io.tlslab.server.config.AcceptLoops acceptLoops;

    @Option(
            names = "--restart-after",
            description = "authority server: restart it once, this long after it started (a reconnect storm"
                    + " for a fleet holding connections, e.g. tlslab-fleet load --hold --target ...)")
    java.time.Duration restartAfter;

    @Option(
            names = "--rotate-key",
            description = "with --restart-after: PEM private key the restarted server presents (a certificate"
                    + " rotation; with --rotate-chain)")
    Path rotateKey;

    @Option(names = "--rotate-chain", description = "with --restart-after: PEM chain to present after the restart")
    Path rotateChain;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        TlsEngine tls = engine.engine();
        if ((key == null) != (chain == null)) {
            throw new UsageException("--key and --chain go together");
        }
        if ((rotateKey == null) != (rotateChain == null)) {
            throw new UsageException("--rotate-key and --rotate-chain go together");
        }
        if (rotateKey != null && restartAfter == null) {
            throw new UsageException("--rotate-key and --rotate-chain take effect at the restart: add --restart-after");
        }
        if (restartAfter != null && !serverKind.trim().equalsIgnoreCase("authority")) {
            throw new UsageException("--restart-after restarts the authority server (--server authority)");
        }
        if (restartAfter != null && (restartAfter.isNegative() || restartAfter.isZero())) {
            throw new UsageException("--restart-after must be positive, got " + restartAfter);
        }
        HeldCertificate rotated = rotateKey == null ? null : held(PemKeys.readPrivateKey(rotateKey), rotateChain);
        List<X509Certificate> rotatedChain = rotateChain == null ? null : Pem.readCertificates(rotateChain);
        PrivateKey privateKey;
        List<X509Certificate> served;
        if (key != null) {
            privateKey = PemKeys.readPrivateKey(key);
            served = Pem.readCertificates(chain);
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
            // installed before the listeners bind, not only presented, so that a restart keeps serving it
            InProcessAuthority authority = InProcessAuthority.startThrowaway(
                    tls,
                    port,
                    config -> {
                        config.acceptLoops(acceptLoops);
                        if (pingInterval != null) {
                            config.pingInterval(pingInterval);
                        }
                    },
                    new HeldCertificate(new KeyPair(served.get(0).getPublicKey(), privateKey), served.get(0)),
                    served);
            server = authority;
            boundPort = authority.server().messagingPort();
            if (restartAfter != null) {
                scheduleRestart(authority, rotated, rotatedChain, out);
            }
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

    private static HeldCertificate held(PrivateKey key, Path chainFile) {
        List<X509Certificate> chain = Pem.readCertificates(chainFile);
        return new HeldCertificate(new KeyPair(chain.get(0).getPublicKey(), key), chain.get(0));
    }

    /** One restart, on a daemon thread, optionally presenting a rotated certificate from then on. */
    private void scheduleRestart(
            InProcessAuthority authority,
            HeldCertificate rotated,
            List<X509Certificate> rotatedChain,
            PrintWriter out) {
        Thread t = new Thread(
                () -> {
                    try {
                        Thread.sleep(restartAfter.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (rotated != null) {
                        authority.serve(rotated, rotatedChain);
                    }
                    long start = System.nanoTime();
                    authority.restart();
                    out.printf(
                            "restarted%s in %d ms%n",
                            rotated == null ? "" : " with the rotated certificate",
                            (System.nanoTime() - start) / 1_000_000);
                    out.flush();
                },
                "serve-restart");
        t.setDaemon(true);
        t.start();
    }
}
