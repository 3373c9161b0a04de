package io.tlslab.fleet.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.SwarmSpec;
import io.tlslab.fleet.docker.DockerEngine;
import io.tlslab.fleet.stats.LoadSummary;
import io.tlslab.fleet.testing.FleetImageLoad;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code load --swarm} for real on a single-node swarm: 2 replicas of {@code tlslab/fleet:dev} (host
 * network) load the in-process authority server this command starts on loopback. The swarm is made
 * with {@code docker swarm init} when the engine is not in one, and left afterwards only then.
 * Skipped without an engine or the image (docker/build-images.sh).
 */
class SwarmLoadIT {

    private static boolean createdSwarm;

    @TempDir
    Path dir;

    @BeforeAll
    static void singleNodeSwarm() {
        FleetImageLoad.assumeEngineAndImage();
        try (DockerEngine engine = DockerEngine.connect()) {
            DockerClient docker = engine.client();
            var state = docker.infoCmd().exec().getSwarm().getLocalNodeState();
            if (state != LocalNodeState.ACTIVE) {
                // loopback as the advertised address: this swarm never has a second node
                docker.initializeSwarmCmd(new SwarmSpec())
                        .withListenAddr("127.0.0.1:0")
                        .withAdvertiseAddr("127.0.0.1")
                        .exec();
                createdSwarm = true;
            }
        }
    }

    @AfterAll
    static void leaveSwarmIfCreated() {
        if (createdSwarm) {
            try (DockerEngine engine = DockerEngine.connect()) {
                engine.client().leaveSwarmCmd().withForceEnabled(true).exec();
            }
        }
    }

    @Test
    @Timeout(240)
    void twoReplicasLoadALoopbackServerAndTheMergedCountsAreTheSumOfTheirs() {
        FleetImageLoad run = FleetImageLoad.run(
                dir,
                "swarm",
                5,
                "--swarm",
                "--replicas",
                "2",
                "--container-timeout",
                "150s",
                "--limit-memory",
                "512m",
                "--constraint",
                "node.role==manager");

        LoadSummary merged = run.assertCleanMergedReport();
        List<LoadSummary> replicas = List.of(run.part("-replica-1"), run.part("-replica-2"));
        // each replica ran its share of the 5 endpoints and 20000 attempts (3 + 2)
        assertThat(replicas).extracting(r -> r.setup().get("endpoints")).containsExactly("3", "2");
        assertThat(merged.setup().get("swarm")).startsWith("2 replicas of " + FleetImageLoad.IMAGE);

        LoadSummary.Counts c = merged.counts();
        assertThat(c.started()).isEqualTo(sum(replicas, r -> r.counts().started()));
        assertThat(c.succeeded()).isEqualTo(sum(replicas, r -> r.counts().succeeded()));
        assertThat(c.failed()).isEqualTo(sum(replicas, r -> r.counts().failed()));
        assertThat(merged.fullLatency().count())
                .isEqualTo(sum(replicas, r -> r.fullLatency().count()));
        // the series, aligned by wall clock, still holds every success of every replica (checked above)
        assertThat(merged.notes()).anyMatch(n -> n.contains("aligned by wall clock") && n.contains("drift"));

        // the service and its config are gone
        try (DockerEngine engine = DockerEngine.connect()) {
            DockerClient docker = engine.client();
            assertThat(docker.listServicesCmd().exec())
                    .noneMatch(s -> s.getSpec().getLabels() != null
                            && s.getSpec().getLabels().containsKey(SwarmFleet.RUN_LABEL));
            assertThat(docker.listConfigsCmd()
                            .withFilters(Map.of("label", List.of(SwarmFleet.RUN_LABEL)))
                            .exec())
                    .isEmpty();
        }
    }

    private static long sum(List<LoadSummary> parts, ToLongFunction<LoadSummary> f) {
        return parts.stream().mapToLong(f).sum();
    }
}
