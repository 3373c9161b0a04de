package io.tlslab.fleet.lab;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.tlslab.ca.manifest.ScenarioEntry;
import io.tlslab.ca.output.SetWriter;
import io.tlslab.ca.scenario.HostNames;
import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.scenario.ScenarioMinter;
import io.tlslab.protocol.pem.Pem;
import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.tls.TlsContexts;
import io.tlslab.tls.Transport;
import io.tlslab.tls.identity.ServedIdentity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A local badssl: the whole scenario catalogue minted for one host and served at once, one HTTPS port
 * per scenario, with an index page, {@code scenarios.json} and the trust anchors a client needs.
 * Listeners present each scenario's chain exactly as minted (broken ones included) through tls-core's
 * {@link TlsContexts#server}; after the handshake they answer any request with a page naming the scenario.
 */
public final class ScenarioLab implements AutoCloseable {
    /** The outside-client profile every scenario has an expectation for: the strict endpoint's column. */
    public static final String ARTICLE_PROFILE = io.tlslab.protocol.validation.ValidationProfile.ARTICLE.label();

    static final String TRUST_ALL = "trust-anchors.pem";
    static final String HOSTS = "hosts";
    static final String CERTS = "certs";
    /** Listener threads: the lab serves single probes, not load. */
    private static final int THREADS = 2;

    private final MultiThreadIoEventLoopGroup loops;
    private final List<Channel> listeners;
    private final LabManifest manifest;
    private final Path directory;

    private ScenarioLab(
            MultiThreadIoEventLoopGroup loops, List<Channel> listeners, LabManifest manifest, Path directory) {
        this.loops = loops;
        this.listeners = listeners;
        this.manifest = manifest;
        this.directory = directory;
    }

    /**
     * Mints, writes the files and binds every listener; returns once all of them listen.
     *
     * @throws IllegalArgumentException for a bad host, an unwritable directory or a port already in use
     */
    public static ScenarioLab start(LabConfig config) throws IOException, InterruptedException {
        String host = HostNames.requireDnsName(config.host());
        ScenarioMinter minter = new ScenarioMinter();
        List<MintedScenario> minted = new ArrayList<>();
        for (var s : config.scenarios()) {
            minted.add(minter.mint(s, host));
        }
        Path dir = config.directory().toAbsolutePath();
        Files.createDirectories(dir);
        SetWriter.Result set = SetWriter.write(minted, dir.resolve(CERTS), true, Instant.now());
        writeTrustAnchors(minted, dir.resolve(TRUST_ALL));
        writeHosts(minted, dir.resolve(HOSTS));

        MultiThreadIoEventLoopGroup loops = Transport.group(THREADS, "scenario-lab");
        List<Channel> listeners = new ArrayList<>();
        try {
            List<LabScenario> served = new ArrayList<>();
            for (int i = 0; i < minted.size(); i++) {
                MintedScenario m = minted.get(i);
                ScenarioEntry entry = set.manifest().scenarios().get(i);
                SslContext tls =
                        TlsContexts.server(new ServedIdentity(m.leaf().privateKey(), m.servedChain()), config.engine());
                String body = "tlslab scenario " + m.scenario().slug() + ": "
                        + m.scenario().description() + "\nexpected for a strict client: "
                        + m.expected(ClientMode.STRICT) + "\n";
                Channel ch = bind(
                        loops,
                        config,
                        config.basePort() == 0 ? 0 : config.basePort() + 1 + i,
                        new LabChannelInitializer(tls, new StaticPagesHandler(Map.of(), StaticPage.text(body))));
                listeners.add(ch);
                served.add(describe(m, entry, ((InetSocketAddress) ch.localAddress()).getPort()));
            }
            // the index knows every port, so it is bound last, on the base port itself
            StaticPagesHandler indexHandler = new StaticPagesHandler(Map.of(), null);
            Channel index = bind(loops, config, config.basePort(), new LabChannelInitializer(null, indexHandler));
            listeners.add(index);
            LabManifest manifest = new LabManifest(
                    LabManifest.TOOL,
                    LabManifest.FORMAT_VERSION,
                    host,
                    config.bind().getHostAddress(),
                    ((InetSocketAddress) index.localAddress()).getPort(),
                    TRUST_ALL,
                    HOSTS,
                    CERTS,
                    served);
            String json = LabManifestJson.toJson(manifest);
            Files.writeString(dir.resolve(LabManifest.FILE_NAME), json, StandardCharsets.UTF_8);
            Map<String, StaticPage> pages = new LinkedHashMap<>();
            pages.put("/", StaticPage.html(IndexPage.render(manifest)));
            pages.put("/scenarios.json", StaticPage.json(json));
            pages.put("/" + TRUST_ALL, StaticPage.text(Files.readString(dir.resolve(TRUST_ALL))));
            pages.put("/" + HOSTS, StaticPage.text(Files.readString(dir.resolve(HOSTS))));
            for (LabScenario s : served) {
                pages.put("/" + s.trustAnchors(), StaticPage.text(Files.readString(dir.resolve(s.trustAnchors()))));
            }
            indexHandler.publish(pages);
            return new ScenarioLab(loops, listeners, manifest, dir);
        } catch (IOException | InterruptedException | RuntimeException e) {
            listeners.forEach(Channel::close);
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static Channel bind(
            MultiThreadIoEventLoopGroup loops, LabConfig config, int port, LabChannelInitializer initializer)
            throws InterruptedException {
        try {
            return new ServerBootstrap()
                    .group(loops)
                    .channel(Transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 128)
                    .childHandler(initializer)
                    .bind(new InetSocketAddress(config.bind(), port))
                    .sync()
                    .channel();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) { // Netty rethrows the bind's checked exception undeclared
            if (e instanceof IOException || e.getCause() instanceof IOException) {
                throw new IllegalArgumentException(
                        "cannot listen on " + config.bind().getHostAddress() + ":" + port + " (" + e.getMessage()
                                + "): choose another --port or --bind",
                        e);
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
    }

    private static LabScenario describe(MintedScenario m, ScenarioEntry entry, int port) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (ClientMode mode : ClientMode.values()) {
            expected.put(mode.label(), m.expected(mode).toString());
        }
        String dial = m.dialHost();
        String url = "https://" + (dial.contains(":") ? "[" + dial + "]" : dial) + ":" + port + "/";
        return new LabScenario(
                m.scenario().slug(),
                m.scenario().name(),
                m.scenario().description(),
                dial,
                port,
                url,
                CERTS + "/" + entry.files().get("trustAnchors"),
                expected,
                Map.of(ARTICLE_PROFILE, m.expected(ClientMode.STRICT).toString()));
    }

    private static void writeTrustAnchors(List<MintedScenario> minted, Path file) throws IOException {
        Set<X509Certificate> anchors = new LinkedHashSet<>();
        minted.forEach(m -> anchors.addAll(m.trustAnchors()));
        Files.writeString(file, Pem.certificates(anchors), StandardCharsets.US_ASCII);
    }

    private static void writeHosts(List<MintedScenario> minted, Path file) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (MintedScenario m : minted) {
            if (!m.dialHost().matches("[0-9.]+|.*:.*")) {
                names.add(m.dialHost());
            }
        }
        Files.writeString(
                file,
                "# every name the tlslab scenario lab's certificates are dialled as\n127.0.0.1 "
                        + String.join(" ", names) + "\n",
                StandardCharsets.US_ASCII);
    }

    public LabManifest manifest() {
        return manifest;
    }

    /** The directory holding {@code scenarios.json}; the manifest's paths are relative to it. */
    public Path directory() {
        return directory;
    }

    public Path resolve(String relative) {
        return directory.resolve(relative);
    }

    /** The one line printed when every port listens (the container's readiness signal). */
    public String readinessLine() {
        List<LabScenario> s = manifest.scenarios();
        return String.format(
                "tlslab-lab ready: %d scenarios on %s ports %d-%d, index http://%s:%d/, %s",
                s.size(),
                manifest.bindAddress(),
                s.stream().mapToInt(LabScenario::port).min().orElse(0),
                s.stream().mapToInt(LabScenario::port).max().orElse(0),
                manifest.bindAddress(),
                manifest.indexPort(),
                directory.resolve(LabManifest.FILE_NAME));
    }

    @Override
    public void close() {
        listeners.forEach(c -> c.close().awaitUninterruptibly(2, TimeUnit.SECONDS));
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
