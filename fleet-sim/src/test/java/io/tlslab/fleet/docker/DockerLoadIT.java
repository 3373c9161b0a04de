package io.tlslab.fleet.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.model.Container;
import io.tlslab.fleet.cli.FleetCli;
import io.tlslab.fleet.report.LoadReportWriter;
import io.tlslab.fleet.stats.IntervalSample;
import io.tlslab.fleet.stats.LatencySummary;
import io.tlslab.fleet.stats.LoadSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code load --docker} for real: two containers of {@code tlslab/fleet:dev} load the in-process
 * authority server this command starts on loopback. Runs only where a Docker engine answers
 * ({@code DOCKER_HOST} or the local socket) and the image exists (docker/build-images.sh); skipped otherwise.
 */
class DockerLoadIT {

    static final String IMAGE = "tlslab/fleet:dev";

    @TempDir
    Path dir;

    @BeforeEach
    void needsEngineAndImage() {
        assumeTrue(DockerEngine.available(), "no Docker engine answers (DOCKER_HOST / local socket): skipped");
        try (DockerEngine engine = DockerEngine.connect()) {
            assumeTrue(engine.hasImage(IMAGE), IMAGE + " not built (docker/build-images.sh): skipped");
        }
    }

    @Test
    @Timeout(120)
    void twoContainersLoadALoopbackServerAndTheirReportsMergeIntoOne() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = FleetCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute(
                "load",
                "--docker",
                "--containers",
                "2",
                "--image",
                IMAGE,
                "--endpoints",
                "6",
                "--ramp",
                "1s",
                "--duration",
                "4s",
                "--handshakes",
                "20000",
                "--container-timeout",
                "60s",
                "--threads",
                "1",
                "--out",
                dir.toString(),
                "--name",
                "docker");

        assertThat(code).as(out + "\n" + err).isZero();
        LoadSummary s = LoadReportWriter.fromJson(Files.readString(dir.resolve("docker.json")));
        assertThat(dir.resolve("docker.html")).exists();
        assertThat(dir.resolve("docker.csv")).exists();

        assertThat(s.setup().get("containers")).startsWith("2 x " + IMAGE);
        LoadSummary.Counts c = s.counts();
        assertThat(c.succeeded()).isPositive();
        assertThat(c.failed()).as("failures: %s", s.failuresByReason()).isZero();
        assertThat(c.inFlight()).isZero();
        assertThat(c.balanced()).isTrue();
        assertThat(c.started()).isLessThanOrEqualTo(20000);
        // every handshake of the measurement window is in the merged histogram, and the series holds every success
        assertThat(s.fullLatency().count())
                .isEqualTo(s.measured().fullHandshakes())
                .isPositive();
        assertThat(s.fullLatency().decodeHistogram().getTotalCount())
                .isEqualTo(s.fullLatency().count());
        assertThat(s.series().stream().mapToLong(IntervalSample::handshakes).sum())
                .isEqualTo(c.succeeded());
        LatencySummary l = s.fullLatency();
        assertThat(List.of(l.minMillis(), l.p50Millis(), l.p90Millis(), l.p99Millis(), l.p999Millis(), l.maxMillis()))
                .isSorted();

        // the containers of this run are gone
        Matcher run = Pattern.compile("run (\\w+),").matcher(out.toString());
        assertThat(run.find()).as(out.toString()).isTrue();
        try (DockerEngine engine = DockerEngine.connect()) {
            List<Container> left = engine.client()
                    .listContainersCmd()
                    .withShowAll(true)
                    .withLabelFilter(java.util.Map.of(ContainerFleet.RUN_LABEL, run.group(1)))
                    .exec();
            assertThat(left).isEmpty();
        }
    }
}
