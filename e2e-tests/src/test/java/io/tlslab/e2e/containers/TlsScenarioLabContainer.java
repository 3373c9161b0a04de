package io.tlslab.e2e.containers;

import io.tlslab.ca.scenario.Scenario;
import io.tlslab.fleet.lab.LabManifest;
import io.tlslab.fleet.lab.LabManifestJson;
import io.tlslab.fleet.lab.LabScenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Future;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Testcontainers module for the tlslab scenario lab: every certificate scenario served over HTTPS from a
 * container, for another project's tests of its own TLS client.
 *
 * <pre>{@code
 * try (TlsScenarioLabContainer lab = new TlsScenarioLabContainer(DockerImageName.parse("tlslab/lab:dev"))) {
 *     lab.start();
 *     URI expired = lab.urlFor(Scenario.EXPIRED_LEAF);   // https://localhost:<mapped port>/
 *     Path anchors = lab.trustAnchors();                  // configure your client with this CA bundle
 *     // ... your client must refuse `expired` ...
 * }
 * }</pre>
 *
 * <p>Ready when the lab prints its readiness line (every port listens and scenarios.json is written),
 * not when a first port answers. Works with the {@code tlslab/lab} image and with the {@code tlslab/fleet}
 * image (the same jar): the command is always set here.
 */
public final class TlsScenarioLabContainer extends GenericContainer<TlsScenarioLabContainer> {
    public static final int BASE_PORT = 9400;
    private static final String DIR = "/data/lab";

    private final List<Scenario> scenarios = new ArrayList<>(Arrays.asList(Scenario.values()));
    private String host = "localhost";
    private LabManifest manifest;
    private Path copies;

    public TlsScenarioLabContainer(DockerImageName image) {
        super(image);
        waitForReadinessLine();
    }

    /** For an image built on the fly (e.g. from this repository's Dockerfiles). */
    public TlsScenarioLabContainer(Future<String> image) {
        super(image);
        waitForReadinessLine();
    }

    private void waitForReadinessLine() {
        waitingFor(Wait.forLogMessage("tlslab-lab ready: .*\\n", 1).withStartupTimeout(Duration.ofMinutes(3)));
    }

    /** Serve only these scenarios (default: the whole catalogue). */
    public TlsScenarioLabContainer withScenarios(Scenario... only) {
        scenarios.clear();
        scenarios.addAll(List.of(only));
        return this;
    }

    /** Mint for this host instead of {@code localhost} (a client dialling the container's network alias). */
    public TlsScenarioLabContainer withHost(String name) {
        host = name;
        return this;
    }

    @Override
    protected void configure() {
        super.configure();
        List<String> command = new ArrayList<>(List.of(
                "lab",
                "serve",
                "--bind",
                "0.0.0.0",
                "--port",
                Integer.toString(BASE_PORT),
                "--out",
                DIR,
                "--host",
                host,
                "--scenarios",
                String.join(",", scenarios.stream().map(Scenario::slug).toList())));
        setCommand(command.toArray(String[]::new));
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i <= scenarios.size(); i++) {
            ports.add(BASE_PORT + i);
        }
        setExposedPorts(ports);
    }

    @Override
    protected void containerIsStarted(com.github.dockerjava.api.command.InspectContainerResponse info) {
        super.containerIsStarted(info);
        try {
            copies = Files.createTempDirectory("tlslab-lab-");
            manifest = LabManifestJson.read(copy(LabManifest.FILE_NAME));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lab's scenarios.json: " + e.getMessage(), e);
        }
    }

    /** The lab's scenarios.json as the container wrote it (container-side ports). */
    public LabManifest manifest() {
        requireStarted();
        return manifest;
    }

    /** {@code https://<dial host>:<mapped port>/}: point a client here (its dial host resolves to loopback). */
    public java.net.URI urlFor(Scenario scenario) {
        LabScenario s = scenario(scenario);
        return java.net.URI.create("https://" + s.dialHost() + ":" + getMappedPort(s.port()) + "/");
    }

    /** Where to connect for this scenario; send {@link #dialHost} as SNI and check the certificate against it. */
    public InetSocketAddress addressFor(Scenario scenario) {
        return new InetSocketAddress(getHost(), getMappedPort(scenario(scenario).port()));
    }

    public String dialHost(Scenario scenario) {
        return scenario(scenario).dialHost();
    }

    /** What a strict client (the article profile) must conclude: {@code ACCEPT} or {@code REJECT:<REASON>}. */
    public String expected(Scenario scenario) {
        return scenario(scenario).expectedFor("article");
    }

    /** One CA bundle with every scenario's anchors (no scenario's expectation changes with it), copied out of the container. */
    public Path trustAnchors() {
        requireStarted();
        return copy(manifest.trustAnchorsAll());
    }

    /** The anchors of one scenario, exactly as a tlslab endpoint of that scenario is configured. */
    public Path trustAnchors(Scenario scenario) {
        return copy(scenario(scenario).trustAnchors());
    }

    private LabScenario scenario(Scenario scenario) {
        requireStarted();
        return manifest.scenario(scenario.slug());
    }

    private Path copy(String relative) {
        Path local = copies.resolve(relative.replace('/', '_'));
        if (!Files.exists(local)) {
            copyFileFromContainer(DIR + "/" + relative, in -> Files.write(local, in.readAllBytes()));
        }
        return local;
    }

    private void requireStarted() {
        if (manifest == null) {
            throw new IllegalStateException("the lab container is not started");
        }
    }

    @Override
    public void stop() {
        super.stop();
        if (copies != null) {
            try (var walk = Files.walk(copies)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // temporary copies only
            }
        }
    }
}
