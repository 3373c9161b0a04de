package io.tlslab.client.cli;

import io.tlslab.cli.HostPort;
import io.tlslab.client.endpoint.Endpoint;
import io.tlslab.client.endpoint.EndpointConfig;
import io.tlslab.client.endpoint.EndpointListener;
import io.tlslab.client.endpoint.EndpointProperties;
import io.tlslab.client.endpoint.EndpointTransport;
import io.tlslab.client.endpoint.HandshakeOutcome;
import io.tlslab.client.settings.EndpointSettings;
import io.tlslab.client.settings.FileSettingsStore;
import io.tlslab.protocol.cert.CertificateFacts;
import io.tlslab.tls.validation.Finding;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tlslab-client connect}: runs one endpoint in the foreground against an authority server and
 * prints each handshake outcome, the server's certificate and the settings it pushes.
 */
@Command(
        name = "connect",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 110,
        header = {
            "Runs one endpoint in the foreground: TLS handshake, strict validation, HELLO, settings, keep-alive.",
            "",
            "Examples:",
            "  tlslab-client connect --once                                   # 127.0.0.1:4287, exit after the handshake",
            "  tlslab-client connect --server authority.example:4287 --trust roots.pem",
            "  tlslab-client connect --server 127.0.0.1:4287 --dial-host node1.localhost --engine jdk --once",
            "  tlslab-client connect --endpoint-version 5.4 --retry fixed:30s --data-dir /var/lib/tlslab",
            "  TLSLAB_SERVER_HOST=10.0.0.7 tlslab-client connect --config endpoint.properties",
            ""
        },
        description = {
            "Settings the server pushes (strictValidation, trustedFingerprints) are persisted in the data directory",
            "and apply from the first byte of the next run. Without --once the endpoint stays connected and",
            "reconnects with the retry policy until interrupted (Ctrl-C).",
            "Configuration: flags > TLSLAB_* environment > --config file > defaults (keys: "
                    + "server.host server.port dial.host trust engine version guid data.dir retry groups profile crl).",
            "Exit codes (--once): 0 accepted, 1 certificate rejected, 2 usage or connection error.",
            ""
        })
public final class ConnectCommand implements Callable<Integer> {

    /** How long --once waits for the server's settings after an accepted handshake. */
    private static final Duration SETTINGS_WAIT = Duration.ofSeconds(5);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file (keys listed above).")
    Path config;

    @Option(
            names = "--server",
            paramLabel = "HOST[:PORT]",
            description = "Authority server to connect to (default 127.0.0.1:4287); IPv6 in brackets: [::1]:4287.")
    HostPort server;

    @Option(
            names = "--dial-host",
            paramLabel = "NAME",
            description = "Name to validate the certificate against and send as SNI (default: the server host).")
    String dialHost;

    @Option(
            names = "--trust",
            paramLabel = "FILE",
            description = "PEM file of trusted roots (default: the JDK's cacerts).")
    String trust;

    @Option(
            names = "--engine",
            paramLabel = "ENGINE",
            description = "openssl or jdk (default: openssl where it loads).")
    String engine;

    @Option(
            names = "--endpoint-version",
            paramLabel = "X.Y",
            description = "Version this endpoint reports; below 6.0 never validates strictly (default 6.0).")
    String version;

    @Option(names = "--guid", paramLabel = "GUID", description = "Endpoint GUID (default: generated once, persisted).")
    String guid;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where GUID and settings persist (default ~/.tlslab/endpoint).")
    String dataDir;

    @Option(
            names = "--retry",
            paramLabel = "POLICY",
            description =
                    "exponential[:FIRST[:CAP]] (default exponential:1s:300s) or fixed[:DELAY] (vendor: fixed:30s).")
    String retry;

    @Option(
            names = "--groups",
            paramLabel = "LIST",
            description = "Key-exchange groups, comma-separated, e.g. X25519 (default: engine's).")
    String groups;

    @Option(
            names = "--profile",
            paramLabel = "article|webpki",
            description = "Validation rule set (default: article; webpki adds the CA/Browser Forum rules).")
    String profile;

    @Option(names = "--crl", paramLabel = "FILE|DIR", description = "CRLs to check revocation against (default: none).")
    String crl;

    @Option(names = "--once", description = "Exit after the first handshake outcome (and the settings, if accepted).")
    boolean once;

    @Option(names = "--strict", description = "Persist strictValidation=true first, as if the server had sent it.")
    boolean strict;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EndpointConfig endpointConfig;
        try {
            EndpointProperties props = EndpointProperties.resolve(config, System.getenv(), flags());
            endpointConfig = props.toBuilder().build();
            if (strict) {
                FileSettingsStore store = new FileSettingsStore(props.dataDir());
                store.save(store.load().withStrictValidation(true));
            }
        } catch (IllegalArgumentException | IOException e) {
            return usageError(err, e.getMessage());
        }

        try (EndpointTransport transport = EndpointTransport.create(1)) {
            return once
                    ? runOnce(endpointConfig, transport, out, err)
                    : runForever(endpointConfig, transport, out, err);
        } catch (javax.net.ssl.SSLException e) {
            return usageError(err, "cannot set up TLS: " + e.getMessage());
        } catch (IOException e) {
            return usageError(err, "cannot read the endpoint's data directory: " + e.getMessage());
        }
    }

    private Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        if (server != null) {
            flags.put(EndpointProperties.SERVER_HOST, server.host());
            if (server.hasPort()) {
                flags.put(EndpointProperties.SERVER_PORT, String.valueOf(server.port()));
            }
        }
        flags.put(EndpointProperties.DIAL_HOST, dialHost);
        flags.put(EndpointProperties.TRUST, trust);
        flags.put(EndpointProperties.ENGINE, engine);
        flags.put(EndpointProperties.VERSION, version);
        flags.put(EndpointProperties.GUID, guid);
        flags.put(EndpointProperties.DATA_DIR, dataDir);
        flags.put(EndpointProperties.RETRY, retry);
        flags.put(EndpointProperties.PROFILE, profile);
        flags.put(EndpointProperties.CRL, crl);
        flags.put(EndpointProperties.GROUPS, groups);
        return flags;
    }

    private int runOnce(EndpointConfig cfg, EndpointTransport transport, PrintWriter out, PrintWriter err)
            throws IOException, javax.net.ssl.SSLException {
        CompletableFuture<EndpointSettings> settings = new CompletableFuture<>();
        EndpointListener listener = new EndpointListener() {
            @Override
            public void settingsReceived(EndpointSettings s) {
                settings.complete(s);
            }

            @Override
            public void disconnected(String reason) {
                settings.completeExceptionally(new IllegalStateException(reason));
            }
        };
        try (Endpoint endpoint = new Endpoint(cfg, transport, listener)) {
            out.println("endpoint " + endpoint.guid() + " version " + cfg.version() + " mode "
                    + endpoint.mode().label() + " -> " + cfg.serverHost() + ":" + cfg.serverPort() + " as "
                    + cfg.dialHost());
            HandshakeOutcome outcome = await(
                    endpoint.connectOnce(), cfg.connectTimeout().plus(cfg.tls().handshakeTimeout()));
            if (outcome == null) {
                err.println("tlslab-client connect: no handshake outcome in time");
                return ClientCli.ExitCodes.USAGE;
            }
            printOutcome(out, outcome);
            if (outcome.accepted()) {
                EndpointSettings received = await(settings, SETTINGS_WAIT);
                out.println(
                        received == null
                                ? "settings:    none received within " + SETTINGS_WAIT.toSeconds() + " s"
                                : "settings:    " + describe(received));
                out.flush();
                return ClientCli.ExitCodes.ACCEPTED;
            }
            out.flush();
            return outcome.status() == HandshakeOutcome.Status.REJECTED
                    ? ClientCli.ExitCodes.REJECTED
                    : ClientCli.ExitCodes.USAGE;
        }
    }

    private int runForever(EndpointConfig cfg, EndpointTransport transport, PrintWriter out, PrintWriter err)
            throws IOException, javax.net.ssl.SSLException {
        CountDownLatch stopped = new CountDownLatch(1);
        EndpointListener listener = new EndpointListener() {
            @Override
            public void handshakeCompleted(HandshakeOutcome outcome) {
                printOutcome(out, outcome);
                out.flush();
            }

            @Override
            public void settingsReceived(EndpointSettings settings) {
                out.println("settings:    " + describe(settings));
                out.flush();
            }

            @Override
            public void disconnected(String reason) {
                out.println("disconnected: " + reason);
                out.flush();
            }

            @Override
            public void retryScheduled(int attempt, Duration delay) {
                out.println("retry:       in " + delay.toMillis() + " ms (failure " + attempt + " in a row)");
                out.flush();
            }
        };
        Endpoint endpoint = new Endpoint(cfg, transport, listener);
        Thread hook = new Thread(
                () -> {
                    endpoint.close();
                    stopped.countDown();
                },
                "tlslab-connect-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("endpoint " + endpoint.guid() + " version " + cfg.version() + " mode "
                + endpoint.mode().label() + " -> " + cfg.serverHost() + ":" + cfg.serverPort() + " as " + cfg.dialHost()
                + " (Ctrl-C to stop)");
        out.flush();
        endpoint.start();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            endpoint.close();
        }
        return ClientCli.ExitCodes.ACCEPTED;
    }

    static void printOutcome(PrintWriter out, HandshakeOutcome o) {
        String tls = o.protocol().equals("-")
                ? o.engine().displayName()
                : o.engine().displayName() + " " + o.protocol() + " " + o.cipher();
        out.println("handshake:   " + o.label() + "  (" + tls + ", peer " + o.peer() + ", dialled " + o.dialHost()
                + ", mode " + o.mode().label() + ")");
        if (o.status() == HandshakeOutcome.Status.FAILED) {
            out.println("error:       " + o.error());
        }
        o.leaf().ifPresent(leaf -> {
            CertificateFacts s = CertificateFacts.of(leaf);
            out.println("certificate: subject=\"" + s.subject() + "\" issuer=\"" + s.issuer() + "\"");
            out.println("             sans=" + s.subjectAltNames() + " validTo=" + s.notAfter());
            out.println("             sha1=" + s.sha1());
            out.println("             sha256=" + s.sha256());
            out.println("             chain of " + o.servedChain().size() + " certificate(s) served");
        });
        if (o.verdict() != null) {
            if (o.verdict().findings().isEmpty()) {
                out.println("checks:      all strict checks pass");
            } else {
                String prefix = o.accepted()
                        ? (o.verdict().allowlistOverride() ? "overridden:  " : "audit:       ")
                        : "failed:      ";
                for (Finding f : o.verdict().findings()) {
                    out.println(prefix + f.reason() + " - " + f.detail());
                    prefix = "             ";
                }
            }
        }
    }

    private static String describe(EndpointSettings s) {
        return "strictValidation=" + s.strictValidation() + " trustedFingerprints="
                + (s.trustedFingerprints().isEmpty()
                        ? "(none)"
                        : s.trustedFingerprints().toString());
    }

    private static <T> T await(CompletableFuture<T> future, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private int usageError(PrintWriter err, String message) {
        err.println("tlslab-client connect: " + message);
        err.println("Try 'tlslab-client connect --help' for usage and examples.");
        err.flush();
        return ClientCli.ExitCodes.USAGE;
    }
}
