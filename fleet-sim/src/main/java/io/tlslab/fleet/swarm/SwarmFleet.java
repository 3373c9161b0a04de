package io.tlslab.fleet.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.ContainerSpecConfig;
import com.github.dockerjava.api.model.ContainerSpecFile;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.ResourceRequirements;
import com.github.dockerjava.api.model.ResourceSpecs;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServicePlacement;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskSpec;
import com.github.dockerjava.api.model.TaskState;
import io.tlslab.fleet.docker.DockerEngine;
import io.tlslab.fleet.stats.LoadSummary;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code tlslab-fleet load} as a replicated Swarm service of the fleet image on the manager
 * {@code DOCKER_HOST} points at: K replicas, replica {@code {{.Task.Slot}}} taking its share of the
 * endpoints ({@code TLSLAB_FLEET_SHARE=slot/K}, read by {@code load --share}); each prints its report as one line at the end of its log,
 * read back with the task-logs API (so no disk has to be shared across hosts). The trusted roots go to
 * the replicas as a Swarm config. The service and the config are removed by {@link #close()}, which
 * also runs on Ctrl-C (shutdown hook).
 */
public final class SwarmFleet implements AutoCloseable {

    /** Label on the service and config of a run ({@code docker service ls --filter label=...}). */
    public static final String RUN_LABEL = "io.tlslab.fleet.run";

    static final String TRUST_PATH = "/tmp/tlslab-fleet-trust.pem";
    private static final Set<TaskState> DONE = EnumSet.of(
            TaskState.COMPLETE,
            TaskState.FAILED,
            TaskState.REJECTED,
            TaskState.SHUTDOWN,
            TaskState.ORPHANED,
            TaskState.REMOVE);
    private static final long POLL_MILLIS = 500;
    private static final int LOG_TAIL_LINES = 12;

    private final DockerClient docker;
    private final SwarmPlacement placement;
    private final Duration timeout;
    private final PrintWriter progress;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final Thread cleanupOnExit = new Thread(this::remove, "tlslab-fleet-swarm-cleanup");
    private String serviceId;
    private String configId;
    private boolean closed;

    /**
     * @param timeout  how long the replicas may take, from the service's creation until the last one ends
     * @param progress one line per event (service created, replica finished)
     */
    public SwarmFleet(DockerEngine engine, SwarmPlacement placement, Duration timeout, PrintWriter progress) {
        this.docker = engine.client();
        this.placement = placement;
        this.timeout = timeout;
        this.progress = progress;
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
    }

    public String runId() {
        return runId;
    }

    public String serviceName() {
        return "tlslab-fleet-" + runId;
    }

    /**
     * @param loadArgs options of {@code load} shared by every replica (target, totals, durations...);
     *                 {@code --share}, {@code --trust} and {@code --report-line} are added here
     * @param replicas K
     * @param trustPem trusted roots the replicas validate against (PEM)
     * @return the replicas' reports, in slot order
     * @throws IllegalStateException when a replica fails, leaves no report, or the run times out
     */
    public List<LoadSummary> run(String image, List<String> loadArgs, int replicas, String trustPem)
            throws InterruptedException {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("run cancelled");
            }
            configId = docker.createConfigCmd()
                    .withName(serviceName() + "-trust")
                    .withData(trustPem.getBytes(StandardCharsets.US_ASCII))
                    .withLabels(Map.of(RUN_LABEL, runId))
                    .exec()
                    .getId();
        }
        List<String> args = new ArrayList<>();
        args.add("load");
        args.addAll(loadArgs);
        args.addAll(List.of("--trust", TRUST_PATH, "--report-line", "--out", "/tmp/tlslab-fleet-reports"));
        // Swarm expands templates in env, not in args: the replica reads its share from the environment
        ContainerSpec container = new ContainerSpec()
                .withImage(image)
                .withArgs(args)
                .withEnv(List.of("TLSLAB_FLEET_SHARE={{.Task.Slot}}/" + replicas))
                .withLabels(Map.of(RUN_LABEL, runId))
                .withConfigs(List.of(new ContainerSpecConfig()
                        .withConfigID(configId)
                        .withConfigName(serviceName() + "-trust")
                        .withFile(new ContainerSpecFile()
                                .withName(TRUST_PATH)
                                .withUid("0")
                                .withGid("0")
                                .withMode(0444L))));
        TaskSpec task = new TaskSpec()
                .withContainerSpec(container)
                // a replica that ended has done its share: never run it again
                .withRestartPolicy(new ServiceRestartPolicy().withCondition(ServiceRestartCondition.NONE))
                .withPlacement(new ServicePlacement().withConstraints(placement.constraints()))
                // host network: the replica's 127.0.0.1 is its node's loopback, so the loopback-only rule holds
                .withNetworks(List.of(new NetworkAttachmentConfig().withTarget("host")));
        if (placement.nanoCpus() > 0 || placement.memoryBytes() > 0) {
            ResourceSpecs limits = new ResourceSpecs();
            if (placement.nanoCpus() > 0) {
                limits.withNanoCPUs(placement.nanoCpus());
            }
            if (placement.memoryBytes() > 0) {
                limits.withMemoryBytes(placement.memoryBytes());
            }
            task.withResources(new ResourceRequirements().withLimits(limits));
        }
        ServiceSpec spec = new ServiceSpec()
                .withName(serviceName())
                .withLabels(Map.of(RUN_LABEL, runId))
                .withTaskTemplate(task)
                .withMode(new ServiceModeConfig()
                        .withReplicated(new ServiceReplicatedModeOptions().withReplicas(replicas)));
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("run cancelled");
            }
            serviceId = docker.createServiceCmd(spec).exec().getId();
        }
        progress.printf(
                "Created service %s: %d replicas of %s (label %s=%s)%n",
                serviceName(), replicas, image, RUN_LABEL, runId);
        progress.flush();
        List<Task> tasks = awaitTasks(replicas);
        List<LoadSummary> reports = new ArrayList<>();
        for (Task t : tasks) {
            reports.add(report(t, replicas));
        }
        return reports;
    }

    /** Waits until every replica's task has ended; returns them in slot order. */
    private List<Task> awaitTasks(int replicas) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<Integer> announced = new java.util.HashSet<>();
        while (true) {
            List<Task> tasks =
                    docker.listTasksCmd().withServiceFilter(serviceId).exec();
            List<Task> done = tasks.stream()
                    .filter(t ->
                            t.getStatus() != null && DONE.contains(t.getStatus().getState()))
                    .sorted(Comparator.comparing(Task::getSlot))
                    .toList();
            for (Task t : done) {
                if (announced.add(t.getSlot())) {
                    progress.printf(
                            "  replica %d of %d ended: %s%s%n",
                            t.getSlot(),
                            replicas,
                            t.getStatus().getState(),
                            t.getStatus().getErr() == null
                                    ? ""
                                    : " (" + t.getStatus().getErr() + ")");
                    progress.flush();
                }
            }
            if (done.size() >= replicas) {
                return done.subList(0, replicas);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        (replicas - done.size()) + " of " + replicas + " replicas still not done after the "
                                + "timeout of " + timeout.toSeconds()
                                + " s (--container-timeout; a replica the swarm cannot place waits "
                                + "forever: check --constraint and --limit-*); the service is removed");
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
    }

    private LoadSummary report(Task task, int replicas) throws InterruptedException {
        String stdout = logs(task.getId(), null, true);
        var report = ReportLine.find(stdout);
        if (report.isEmpty()) {
            throw new IllegalStateException("replica " + task.getSlot() + " of " + replicas + " left no report ("
                    + task.getStatus().getState()
                    + (task.getStatus().getErr() == null
                            ? ""
                            : ": " + task.getStatus().getErr())
                    + "); its last output: "
                    + logs(task.getId(), LOG_TAIL_LINES, false).strip().replace('\n', ' '));
        }
        return report.get();
    }

    /** The task's log through the swarm logs API (works for a task on any node of the swarm). */
    private String logs(String taskId, Integer tail, boolean stdoutOnly) throws InterruptedException {
        StringBuilder out = new StringBuilder();
        ResultCallback.Adapter<Frame> collect = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                if (!stdoutOnly || frame.getStreamType() != StreamType.STDERR) {
                    out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }
        };
        var cmd = docker.logTaskCmd(taskId)
                .withStdout(true)
                .withStderr(!stdoutOnly)
                .withFollow(false);
        if (tail != null) {
            cmd.withTail(tail);
        }
        if (!cmd.exec(collect).awaitCompletion(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("reading the log of task " + taskId + " took over 30 s");
        }
        return out.toString();
    }

    /** Removes the service (its tasks' containers go with it) and the trust config. */
    @Override
    public void close() {
        remove();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running or has run
        }
    }

    private synchronized void remove() {
        if (closed) {
            return;
        }
        closed = true;
        if (serviceId != null) {
            try {
                docker.removeServiceCmd(serviceId).exec();
            } catch (NotFoundException e) {
                // already gone
            } catch (RuntimeException e) {
                System.err.println("tlslab-fleet: could not remove service " + serviceName() + ": " + e.getMessage()
                        + " (docker service rm " + serviceName() + ")");
            }
        }
        if (configId != null) {
            try {
                docker.removeConfigCmd(configId).exec();
            } catch (NotFoundException e) {
                // already gone
            } catch (RuntimeException e) {
                System.err.println("tlslab-fleet: could not remove config " + serviceName() + "-trust: "
                        + e.getMessage() + " (docker config rm " + serviceName() + "-trust)");
            }
        }
    }
}
