package io.tlslab.fleet.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import io.tlslab.fleet.stats.LatencySummary;
import io.tlslab.fleet.stats.LoadSummary;
import io.tlslab.fleet.testing.FleetImageLoad;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code load --docker} for real: two containers of {@code tlslab/fleet:dev} load the in-process
 * authority server this command starts on loopback. Runs only where a Docker engine answers
 * ({@code DOCKER_HOST} or the local socket) and the image exists (docker/build-images.sh); skipped otherwise.
 */
class DockerLoadIT {

    @TempDir
    Path dir;

    @BeforeEach
    void needsEngineAndImage() {
        FleetImageLoad.assumeEngineAndImage();
    }

    @Test
    @Timeout(120)
    void twoContainersLoadALoopbackServerAndTheirReportsMergeIntoOne() throws Exception {
        FleetImageLoad run =
                FleetImageLoad.run(dir, "docker", 6, "--docker", "--containers", "2", "--container-timeout", "60s");

        LoadSummary s = run.assertCleanMergedReport();
        assertThat(run.file("html")).exists();
        assertThat(run.file("csv")).exists();
        assertThat(s.setup().get("containers")).startsWith("2 x " + FleetImageLoad.IMAGE);
        assertThat(s.counts().inFlight()).isZero();
        // every handshake of the measurement window is in the merged histogram
        assertThat(s.fullLatency().count()).isEqualTo(s.measured().fullHandshakes());
        LatencySummary l = s.fullLatency();
        assertThat(List.of(l.minMillis(), l.p50Millis(), l.p90Millis(), l.p99Millis(), l.p999Millis(), l.maxMillis()))
                .isSorted();

        // the containers of this run are gone
        Matcher runId = Pattern.compile("run (\\w+),").matcher(run.output());
        assertThat(runId.find()).as(run.output()).isTrue();
        try (DockerEngine engine = DockerEngine.connect()) {
            List<Container> left = engine.client()
                    .listContainersCmd()
                    .withShowAll(true)
                    .withLabelFilter(Map.of(ContainerFleet.RUN_LABEL, runId.group(1)))
                    .exec();
            assertThat(left).isEmpty();
        }
    }
}
