package io.tlslab.fleet.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import io.tlslab.fleet.report.LoadReportWriter;
import io.tlslab.fleet.stats.LoadSummary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code tlslab-fleet load} in K containers of the fleet image at the same time and collects
 * each container's JSON report. Containers use the host's network (so their 127.0.0.1 is the engine
 * host's loopback, and the fleet's loopback-only rule holds inside them too). Every container this
 * object created is removed by {@link #close()}, which also runs on Ctrl-C (shutdown hook).
 */
public final class ContainerFleet implements AutoCloseable {

    /** Label on every container of a run, so a leftover one can be traced back ({@code docker ps -a --filter label=...}). */
    public static final String RUN_LABEL = "io.tlslab.fleet.run";

    static final String TRUST_DIR = "/tmp";
    static final String TRUST_FILE = "tlslab-fleet-trust.pem";
    static final String REPORT_DIR = "/tmp/tlslab-fleet-reports";
    private static final long POLL_MILLIS = 250;
    private static final int LOG_TAIL_LINES = 15;
    private static final long CREATE_WAIT_SECONDS = 15;
    private static final Logger LOG = LoggerFactory.getLogger(ContainerFleet.class);

    private final DockerClient docker;
    private final String image;
    private final Duration timeout;
    private final PrintWriter progress;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> created = new ArrayList<>();
    private final Thread cleanupOnExit = new Thread(this::removeContainers, "tlslab-fleet-container-cleanup");
    private boolean closed;
    /** Create requests in flight: Ctrl-C during one must still remove the container it makes. */
    private int creating;

    /**
     * @param timeout  how long the containers may run, from their start until the last one exits
     * @param progress one line per container event (started, finished)
     */
    public ContainerFleet(DockerEngine engine, String image, Duration timeout, PrintWriter progress) {
        this.docker = engine.client();
        this.image = image;
        this.timeout = timeout;
        this.progress = progress;
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
    }

    public String runId() {
        return runId;
    }

    /**
     * @param loadArgs  options of {@code load} shared by every container (target, dial host, durations...)
     * @param parts     one entry per container: its endpoints and attempt budget
     * @param trustPem  trusted roots the containers validate against (PEM), copied into each as {@code --trust}
     * @return the containers' reports, in container order
     * @throws IllegalStateException when a container does not finish in time or leaves no report
     */
    public List<LoadSummary> run(List<String> loadArgs, List<FleetSplit> parts, String trustPem)
            throws InterruptedException {
        byte[] trustTar = TarFiles.single(TRUST_FILE, trustPem.getBytes(StandardCharsets.US_ASCII));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            ids.add(create(i, loadArgs, parts.get(i), trustTar));
        }
        // start them back to back so that their series line up
        for (String id : ids) {
            docker.startContainerCmd(id).exec();
        }
        progress.printf(
                "Started %d containers of %s (run %s, label %s=%s)%n", ids.size(), image, runId, RUN_LABEL, runId);
        progress.flush();
        awaitExit(ids);
        List<LoadSummary> reports = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            reports.add(report(i, ids.get(i)));
        }
        return reports;
    }

    private String create(int index, List<String> loadArgs, FleetSplit part, byte[] trustTar) {
        List<String> cmd = new ArrayList<>();
        cmd.add("load");
        cmd.addAll(loadArgs);
        cmd.addAll(List.of(
                "--endpoints",
                Integer.toString(part.endpoints()),
                "--handshakes",
                Long.toString(part.maxHandshakes()),
                "--trust",
                TRUST_DIR + "/" + TRUST_FILE,
                "--out",
                REPORT_DIR,
                "--name",
                reportName(index)));
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("run cancelled");
            }
            creating++;
        }
        String id;
        try {
            id = docker.createContainerCmd(image)
                    .withName("tlslab-fleet-" + runId + "-" + (index + 1))
                    .withLabels(Map.of(RUN_LABEL, runId))
                    .withCmd(cmd)
                    .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host"))
                    .exec()
                    .getId();
        } finally {
            synchronized (this) {
                creating--;
                notifyAll();
            }
        }
        synchronized (this) {
            created.add(id); // before anything else can fail, so that close() removes it
            if (closed) {
                throw new IllegalStateException("run cancelled");
            }
        }
        docker.copyArchiveToContainerCmd(id)
                .withRemotePath(TRUST_DIR)
                .withTarInputStream(new ByteArrayInputStream(trustTar))
                .exec();
        LOG.debug("created container {} for {} endpoints: {}", id, part.endpoints(), cmd);
        return id;
    }

    private void awaitExit(List<String> ids) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> running = new ArrayList<>(ids);
        while (!running.isEmpty()) {
            for (var it = running.iterator(); it.hasNext(); ) {
                String id = it.next();
                InspectContainerResponse.ContainerState state =
                        docker.inspectContainerCmd(id).exec().getState();
                if (!Boolean.TRUE.equals(state.getRunning())) {
                    it.remove();
                    progress.printf(
                            "  container %d of %d finished (exit code %s)%n",
                            ids.indexOf(id) + 1, ids.size(), state.getExitCodeLong());
                    progress.flush();
                }
            }
            if (running.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(running.size() + " of " + ids.size()
                        + " containers still running after the " + "container timeout of " + timeout.toSeconds()
                        + " s (--container-timeout); they are removed");
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
    }

    private LoadSummary report(int index, String id) throws InterruptedException {
        String path = REPORT_DIR + "/" + reportName(index) + ".json";
        try (InputStream archive = docker.copyArchiveFromContainerCmd(id, path).exec()) {
            return LoadReportWriter.fromJson(new String(TarFiles.firstFile(archive), StandardCharsets.UTF_8));
        } catch (NotFoundException | IOException e) {
            Long exit = docker.inspectContainerCmd(id).exec().getState().getExitCodeLong();
            throw new IllegalStateException("container " + (index + 1) + " left no report (exit code " + exit
                    + "); its last output: " + logTail(id));
        }
    }

    private String logTail(String id) throws InterruptedException {
        StringBuilder out = new StringBuilder();
        ResultCallback.Adapter<Frame> collect = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
        };
        docker.logContainerCmd(id)
                .withStdOut(true)
                .withStdErr(true)
                .withTail(LOG_TAIL_LINES)
                .exec(collect)
                .awaitCompletion(10, TimeUnit.SECONDS);
        return out.toString().strip().replace('\n', ' ');
    }

    private static String reportName(int index) {
        return "container-" + (index + 1);
    }

    /** Removes every container this run created (running or not). */
    @Override
    public void close() {
        removeContainers();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running or has run
        }
    }

    private synchronized void removeContainers() {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CREATE_WAIT_SECONDS);
        while (creating > 0 && System.nanoTime() < deadline) {
            try {
                wait(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (String id : created) {
            try {
                docker.removeContainerCmd(id)
                        .withForce(true)
                        .withRemoveVolumes(true)
                        .exec();
            } catch (NotFoundException e) {
                // already gone
            } catch (RuntimeException e) {
                System.err.println("tlslab-fleet: could not remove container " + id + ": " + e.getMessage()
                        + " (docker rm -f " + id + ")");
            }
        }
        created.clear();
    }
}
