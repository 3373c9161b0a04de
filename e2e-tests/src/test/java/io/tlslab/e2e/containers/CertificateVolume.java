package io.tlslab.e2e.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import io.tlslab.e2e.support.TlslabJar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;

/**
 * A Docker volume filled by the CA image, as the compose file's init job does it: {@code init} a CA
 * under {@code /certs/ca}, then {@code mint} scenarios per host under {@code /certs/<host>}, each
 * host being a network alias so that the SANs are the names endpoints dial. Other containers mount
 * it read-only at {@code /certs}. {@link #close()} removes the volume.
 */
public final class CertificateVolume implements AutoCloseable {

    public static final String MOUNT = "/certs";
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerClient docker = DockerClientFactory.lazyClient();
    private final String name =
            "tlslab-e2e-certs-" + UUID.randomUUID().toString().substring(0, 8);

    private CertificateVolume() {
        docker.createVolumeCmd()
                .withName(name)
                .withLabels(DockerClientFactory.DEFAULT_LABELS)
                .exec();
    }

    /** Creates the volume, a CA, and the given scenarios for every host. */
    public static CertificateVolume mint(List<String> hosts, List<String> scenarioSlugs) {
        CertificateVolume volume = new CertificateVolume();
        try {
            volume.runCa("init", "--out", MOUNT + "/ca");
            for (String host : hosts) {
                List<String> args = new ArrayList<>(
                        List.of("mint", "--ca", MOUNT + "/ca", "--host", host, "--out", MOUNT + "/" + host));
                for (String slug : scenarioSlugs) {
                    args.add("--scenario");
                    args.add(slug);
                }
                volume.runCa(args.toArray(new String[0]));
            }
            return volume;
        } catch (RuntimeException e) {
            volume.close();
            throw e;
        }
    }

    private void runCa(String... args) {
        try (GenericContainer<?> job = new GenericContainer<>(TlslabImages.of(TlslabJar.CA))) {
            job.withCommand(args)
                    .withCreateContainerCmdModifier(
                            cmd -> cmd.getHostConfig().withBinds(new Bind(name, new Volume(MOUNT))))
                    .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(JOB_TIMEOUT))
                    .start();
        }
    }

    /** Mounts this volume read-only at {@value #MOUNT} (call before the container starts). */
    public <T extends GenericContainer<T>> T mountInto(T container) {
        return container.withCreateContainerCmdModifier(
                cmd -> cmd.getHostConfig().withBinds(new Bind(name, new Volume(MOUNT), AccessMode.ro)));
    }

    /** The manifest the CA wrote for a host, read through a container that mounts the volume. */
    public static JsonNode manifest(GenericContainer<?> mounting, String host) {
        try {
            return mounting.copyFileFromContainer(MOUNT + "/" + host + "/manifest.json", JSON::readTree);
        } catch (RuntimeException e) {
            throw new IllegalStateException("no manifest for " + host + " in the certificate volume", e);
        }
    }

    /** The SHA-256 of a scenario's leaf as the manifest records it. */
    public static String leafSha256(JsonNode manifest, String slug) {
        for (JsonNode s : manifest.path("scenarios")) {
            if (slug.equals(s.path("slug").asText())) {
                return s.path("leaf").path("sha256").asText();
            }
        }
        throw new IllegalArgumentException(slug + " not in the manifest");
    }

    /** Removes the volume; stop every container that mounts it first. */
    @Override
    public void close() {
        docker.removeVolumeCmd(name).exec();
    }
}
