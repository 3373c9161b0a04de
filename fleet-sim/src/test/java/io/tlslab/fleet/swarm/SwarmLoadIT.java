package io.tlslab.fleet.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.SwarmSpec;
import io.tlslab.fleet.cli.FleetCli;
import io.tlslab.fleet.docker.DockerEngine;
import io.tlslab.fleet.report.LoadReportWriter;
import io.tlslab.fleet.stats.IntervalSample;
import io.tlslab.fleet.stats.LoadSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code load --swarm} for real on a single-node swarm: 2 replicas of {@code tlslab/fleet:dev} (host
 * network) load the in-process authority server this command starts on loopback. The swarm is made
 * with {@code docker swarm init} when the engine is not in one, and left afterwards only then.
 * Skipped without an engine or the image (docker/build-images.sh).
 */
class SwarmLoadIT {

    static final String IMAGE = "tlslab/fleet:dev";
    private static boolean createdSwarm;

    @TempDir
    Path dir;

    @BeforeAll
    static void singleNodeSwarm() {
        assumeTrue(DockerEngine.available(), "no Docker engine answers (DOCKER_HOST / local socket): skipped");
        try (DockerEngine engine = DockerEngine.connect()) {
            assumeTrue(engine.hasImage(IMAGE), IMAGE + " not built (docker/build-images.sh): skipped");
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
    void twoReplicasLoadALoopbackServerAndTheMergedCountsAreTheSumOfTheirs() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = FleetCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute(
                "load",
                "--swarm",
                "--replicas",
                "2",
                "--image",
                IMAGE,
                "--endpoints",
                "5",
                "--ramp",
                "1s",
                "--duration",
                "4s",
                "--handshakes",
                "20000",
                "--container-timeout",
                "150s",
                "--threads",
                "1",
                "--limit-memory",
                "512m",
                "--constraint",
                "node.role==manager",
                "--out",
                dir.toString(),
                "--name",
                "swarm");

        assertThat(code).as(out + "\n" + err).isZero();
        LoadSummary merged = LoadReportWriter.fromJson(Files.readString(dir.resolve("swarm.json")));
        List<LoadSummary> replicas = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            replicas.add(LoadReportWriter.fromJson(Files.readString(dir.resolve("swarm-replica-" + i + ".json"))));
        }
        // each replica ran its share of the 5 endpoints and 20000 attempts (3 + 2)
        assertThat(replicas).extracting(r -> r.setup().get("endpoints")).containsExactly("3", "2");
        assertThat(merged.setup().get("swarm")).startsWith("2 replicas of " + IMAGE);

        LoadSummary.Counts c = merged.counts();
        assertThat(c.succeeded()).isPositive();
        assertThat(c.failed()).as("failures: %s", merged.failuresByReason()).isZero();
        assertThat(c.balanced()).isTrue();
        assertThat(c.started())
                .isEqualTo(sum(replicas, r -> r.counts().started()))
                .isLessThanOrEqualTo(20000);
        assertThat(c.succeeded()).isEqualTo(sum(replicas, r -> r.counts().succeeded()));
        assertThat(c.failed()).isEqualTo(sum(replicas, r -> r.counts().failed()));
        assertThat(merged.fullLatency().count())
                .isEqualTo(sum(replicas, r -> r.fullLatency().count()))
                .isPositive();
        assertThat(merged.fullLatency().decodeHistogram().getTotalCount())
                .isEqualTo(merged.fullLatency().count());
        // the series, aligned by wall clock, still holds every success of every replica
        assertThat(merged.series().stream()
                        .mapToLong(IntervalSample::handshakes)
                        .sum())
                .isEqualTo(c.succeeded());
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
