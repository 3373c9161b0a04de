package io.tlslab.fleet.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.time.Duration;

/**
 * The Docker engine of {@code DOCKER_HOST} (default: the local unix socket), through docker-java.
 * No API version is forced: the client speaks the engine's own (Debian's engine 20.10 has API 1.41).
 */
public final class DockerEngine implements AutoCloseable {

    private final DockerClient client;
    private final String host;

    private DockerEngine(DockerClient client, String host) {
        this.client = client;
        this.host = host;
    }

    /**
     * Connects and pings the engine.
     *
     * @throws IllegalStateException in one line when no engine answers
     */
    public static DockerEngine connect() {
        DockerClientConfig config =
                DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(60))
                .build();
        DockerClient client = DockerClientImpl.getInstance(config, http);
        String host = config.getDockerHost().toString();
        try {
            client.pingCmd().exec();
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw new IllegalStateException(
                    "no Docker engine answers at " + host + " (set DOCKER_HOST, or start one: "
                            + "docker/engine.sh start): " + e.getMessage(),
                    e);
        }
        return new DockerEngine(client, host);
    }

    /** Whether an engine answers at {@code DOCKER_HOST} (for tests that need one). */
    public static boolean available() {
        try (DockerEngine engine = connect()) {
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public boolean hasImage(String image) {
        try {
            client.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** @throws IllegalStateException naming the image and how to build it */
    public void requireImage(String image) {
        if (!hasImage(image)) {
            throw new IllegalStateException("image " + image + " not found on the Docker engine at " + host
                    + ": build it with docker/build-images.sh (after mvn -DskipTests package)");
        }
    }

    /**
     * @throws IllegalStateException when this engine is not a manager of an active swarm (services
     *                               can only be created on a manager)
     */
    public void requireSwarmManager() {
        var swarm = client.infoCmd().exec().getSwarm();
        String state = swarm == null || swarm.getLocalNodeState() == null
                ? "inactive"
                : swarm.getLocalNodeState().name().toLowerCase(java.util.Locale.ROOT);
        if (!"active".equals(state) || swarm.getControlAvailable() == null || !swarm.getControlAvailable()) {
            throw new IllegalStateException("the Docker engine at " + host + " is not a swarm manager (swarm " + state
                    + "): point DOCKER_HOST at a manager, or make this engine one with docker swarm init");
        }
    }

    public DockerClient client() {
        return client;
    }

    public String host() {
        return host;
    }

    @Override
    public void close() {
        closeQuietly(client);
    }

    private static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (IOException e) {
            // nothing left to release that matters: the process is done with the engine
        }
    }
}
