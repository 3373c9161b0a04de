package io.tlslab.fleet.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tlslab.fleet.cli.FleetCli;
import io.tlslab.fleet.docker.DockerEngine;
import io.tlslab.fleet.report.LoadReportWriter;
import io.tlslab.fleet.stats.IntervalSample;
import io.tlslab.fleet.stats.LoadSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * One {@code tlslab-fleet load} run whose endpoints run in containers of the fleet image ({@code --docker}
 * or {@code --swarm}) against the authority server the command starts on loopback: the shape both
 * image ITs share (short ramp and window, one client thread, a bounded attempt count), what the run
 * printed and exited with, and its reports read back as {@link LoadSummary}s.
 */
public final class FleetImageLoad {
    /** The image {@code docker/build-images.sh} builds. */
    public static final String IMAGE = "tlslab/fleet:dev";
    /** The attempt bound of every run. */
    public static final long HANDSHAKES = 20_000;

    private final Path dir;
    private final String name;
    private final int exitCode;
    private final String output;

    private FleetImageLoad(Path dir, String name, int exitCode, String output) {
        this.dir = dir;
        this.name = name;
        this.exitCode = exitCode;
        this.output = output;
    }

    /** Skips the calling test unless a Docker engine answers and the image is built. */
    public static void assumeEngineAndImage() {
        assumeTrue(DockerEngine.available(), "no Docker engine answers (DOCKER_HOST / local socket): skipped");
        try (DockerEngine engine = DockerEngine.connect()) {
            assumeTrue(engine.hasImage(IMAGE), IMAGE + " not built (docker/build-images.sh): skipped");
        }
    }

    /**
     * Runs {@code load} with the shared shape plus {@code spread} (e.g. {@code --docker --containers 2}),
     * reports named {@code name} in {@code dir}.
     */
    public static FleetImageLoad run(Path dir, String name, int endpoints, String... spread) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = FleetCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of(
                "load",
                "--image",
                IMAGE,
                "--endpoints",
                Integer.toString(endpoints),
                "--ramp",
                "1s",
                "--duration",
                "4s",
                "--handshakes",
                Long.toString(HANDSHAKES),
                "--threads",
                "1",
                "--out",
                dir.toString(),
                "--name",
                name));
        args.addAll(List.of(spread));
        int code = cli.execute(args.toArray(String[]::new));
        return new FleetImageLoad(dir, name, code, out + "\n" + err);
    }

    public int exitCode() {
        return exitCode;
    }

    /** What the command printed, standard output then standard error. */
    public String output() {
        return output;
    }

    /** The merged report. */
    public LoadSummary summary() {
        return read(name);
    }

    /** The report of one part kept next to the merged one ({@code -replica-1} for a swarm's first replica). */
    public LoadSummary part(String suffix) {
        return read(name + suffix);
    }

    public Path file(String extension) {
        return dir.resolve(name + "." + extension);
    }

    /**
     * Asserts what every merged report of a clean run holds: the command exited 0, some attempts
     * succeeded and none failed, the counts balance within the attempt bound, the merged histogram
     * holds every measured handshake, and the series every success.
     */
    public LoadSummary assertCleanMergedReport() {
        assertThat(exitCode).as(output).isZero();
        LoadSummary s = summary();
        LoadSummary.Counts c = s.counts();
        assertThat(c.succeeded()).isPositive();
        assertThat(c.failed()).as("failures: %s", s.failuresByReason()).isZero();
        assertThat(c.balanced()).isTrue();
        assertThat(c.started()).isLessThanOrEqualTo(HANDSHAKES);
        assertThat(s.fullLatency().count()).isPositive();
        assertThat(s.fullLatency().decodeHistogram().getTotalCount())
                .isEqualTo(s.fullLatency().count());
        assertThat(s.series().stream().mapToLong(IntervalSample::handshakes).sum())
                .isEqualTo(c.succeeded());
        return s;
    }

    private LoadSummary read(String base) {
        try {
            return LoadReportWriter.fromJson(Files.readString(dir.resolve(base + ".json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
