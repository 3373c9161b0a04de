package io.tlslab.fleet.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tlslab.fleet.report.ProgressLine;
import io.tlslab.fleet.stats.IntervalSample;
import io.tlslab.fleet.stats.LoadRecorder;
import io.tlslab.fleet.stats.LoadSummary;
import io.tlslab.fleet.stats.RunEvent;
import io.tlslab.tls.ObservedClientContext;
import io.tlslab.tls.Transport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a fleet of {@link SimulatedEndpoint}s against one target on shared event loops and returns
 * what it measured. Endpoints start spread over the ramp; the measurement window opens when the
 * ramp ends and closes when the duration or the attempt budget runs out; then in-flight attempts
 * are allowed to finish so that every started attempt is accounted for.
 */
public final class LoadDriver {

    private final LoadPlan plan;
    private final LoadTarget target;
    private final ObservedClientContext tls;
    private final LoadRecorder recorder = new LoadRecorder();
    private final AtomicLong budget;
    private final ChannelGroup channels = new DefaultChannelGroup("fleet", GlobalEventExecutor.INSTANCE);
    private final Bootstrap bootstrap;
    private volatile boolean stopping;
    private volatile IntervalSample lastSample;
    private final List<Runnable> midRunActions = new ArrayList<>();
    private final List<RunEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
    /**
     * Held endpoints say HELLO with a GUID; the server keeps one session per GUID and sends the older one a
     * GOODBYE. A per-run part keeps two load processes aimed at one server (several machines, swarm
     * replicas) from replacing each other's endpoints.
     */
    private final String guidPrefix =
            "fleet-" + java.util.HexFormat.of().toHexDigits(new java.security.SecureRandom().nextInt()) + "-";

    public LoadDriver(LoadPlan plan, LoadTarget target, ObservedClientContext tls) {
        this.plan = plan;
        this.target = target;
        this.tls = tls;
        this.budget = new AtomicLong(plan.maxHandshakes());
        this.bootstrap = new Bootstrap()
                .channel(Transport.clientChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        plan.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_LINGER, 0); // RST on close: no TIME_WAIT pile-up over thousands of connections
    }

    LoadPlan plan() {
        return plan;
    }

    /** The GUID a held endpoint says HELLO with: unique to this run and endpoint. */
    String guid(int index) {
        return guidPrefix + index;
    }

    LoadTarget target() {
        return target;
    }

    ObservedClientContext tls() {
        return tls;
    }

    public LoadRecorder recorder() {
        return recorder;
    }

    Bootstrap bootstrap() {
        return bootstrap;
    }

    void track(Channel channel) {
        channels.add(channel);
    }

    /** Takes one attempt from the budget; false once the run is stopping. */
    boolean mayStartAttempt() {
        if (stopping) {
            return false;
        }
        if (budget.getAndDecrement() <= 0) {
            stop();
            return false;
        }
        return true;
    }

    private void stop() {
        if (!stopping) {
            stopping = true;
            recorder.stopMeasuring();
        }
    }

    /**
     * Schedules an action on the target (e.g. restart the server) at a point of the run, relative to
     * its start: the reconnect-storm experiment. The report records when it happened and, when
     * connections are held, how long until every endpoint was connected again.
     */
    public LoadDriver at(java.time.Duration when, String name, Runnable action) {
        midRunActions.add(() -> {
            try {
                Thread.sleep(when.toMillis());
                if (stopping) {
                    return;
                }
                double at = recorder.elapsedSeconds();
                long closedBefore = recorder.connectionsClosed();
                action.run();
                double back = plan.holdConnections() ? secondsUntilAllBack(at, closedBefore) : -1;
                events.add(new RunEvent(name, at, back, 0, 0));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return this;
    }

    /**
     * Watches held connections for drops the fleet did not cause: a server restarted, or its
     * certificate rotated, by someone else (an external target). From the end of the ramp, each time
     * held connections close, that is recorded as an event with the time until all endpoints are
     * connected again, like a restart this driver performs itself. At most {@value #MAX_WATCHED_DROPS}.
     */
    public LoadDriver watchDrops() {
        midRunActions.add(() -> {
            try {
                while (!stopping && !recorder.isMeasuring()) {
                    Thread.sleep(5);
                }
                for (int recorded = 0; recorded < MAX_WATCHED_DROPS && !stopping; recorded++) {
                    long closedBefore = recorder.connectionsClosed();
                    while (!stopping && recorder.connectionsClosed() == closedBefore) {
                        Thread.sleep(5);
                    }
                    if (stopping) {
                        return;
                    }
                    double at = recorder.elapsedSeconds();
                    double back = secondsUntilAllBack(at, closedBefore);
                    events.add(new RunEvent("connections dropped by the target", at, back, 0, 0));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return this;
    }

    private static final int MAX_WATCHED_DROPS = 8;

    /**
     * From a moment {@code at} (run seconds) when connections dropped or were about to: seconds until
     * every endpoint is connected again, or -1 when that did not happen before the run ended. The drop
     * counts once connections close (a quick fleet can be back before an action returns).
     */
    private double secondsUntilAllBack(double at, long closedBefore) throws InterruptedException {
        long deadline = System.nanoTime() + plan.total().toNanos();
        boolean dropped = false;
        while (!stopping && System.nanoTime() < deadline) {
            int open = recorder.connectionsOpen();
            dropped |= open < plan.endpoints() || recorder.connectionsClosed() > closedBefore;
            if (dropped && open >= plan.endpoints()) {
                return recorder.elapsedSeconds() - at;
            }
            Thread.sleep(5);
        }
        return -1;
    }

    /**
     * Runs the fleet to completion (bounded by the plan) and summarises it.
     *
     * @param setup    what to print in the report's setup table (engine, scenario, ...)
     * @param notes    caveats for the report
     */
    public LoadSummary run(String title, Map<String, String> setup, List<String> notes, ProgressLine progress)
            throws InterruptedException {
        MultiThreadIoEventLoopGroup loops = Transport.group(plan.threads(), "fleet-endpoint");
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fleet-sampler");
            t.setDaemon(true);
            return t;
        });
        List<Thread> actions = new ArrayList<>();
        long totalNanos = plan.total().toNanos();
        try {
            long rampNanos = plan.ramp().toNanos();
            for (int i = 0; i < plan.endpoints(); i++) {
                SimulatedEndpoint endpoint = new SimulatedEndpoint(i, this, loops.next());
                endpoint.startAfter(rampNanos * i / plan.endpoints());
            }
            if (rampNanos == 0) {
                recorder.startMeasuring();
            } else {
                ticker.schedule(
                        () -> {
                            if (!stopping) {
                                recorder.startMeasuring();
                            }
                        },
                        rampNanos,
                        TimeUnit.NANOSECONDS);
            }
            long interval = plan.sampleInterval().toNanos();
            ticker.scheduleAtFixedRate(
                    () -> {
                        lastSample = recorder.sampleInterval();
                        progress.update(() -> status(totalNanos));
                    },
                    interval,
                    interval,
                    TimeUnit.NANOSECONDS);
            for (Runnable a : midRunActions) {
                Thread t = new Thread(a, "fleet-mid-run-action");
                t.setDaemon(true);
                t.start();
                actions.add(t);
            }
            waitUntilStopped(totalNanos);
            stop();
            drain();
        } finally {
            ticker.shutdownNow();
            ticker.awaitTermination(5, TimeUnit.SECONDS);
            for (Thread t : actions) {
                t.join(2_000); // stopping is set: they record their event and end
                t.interrupt();
            }
            channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
            progress.finish();
        }
        recorder.sampleInterval();
        Map<String, String> fullSetup = new LinkedHashMap<>(setup);
        fullSetup.put("target", target.toString());
        fullSetup.put("engine (client)", tls.engine().name());
        fullSetup.put("endpoints", String.valueOf(plan.endpoints()));
        fullSetup.put("ramp", plan.ramp().toString());
        fullSetup.put("duration (measured)", plan.duration().toString());
        fullSetup.put("attempt budget", String.valueOf(plan.maxHandshakes()));
        fullSetup.put(
                "session resumption", plan.resumption() ? "on (one session per endpoint)" : "off (full handshakes)");
        fullSetup.put("connections", plan.holdConnections() ? "held open" : "closed after each handshake");
        fullSetup.put("event loops", plan.threads() + " x " + Transport.name());
        fullSetup.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        fullSetup.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        return recorder.summarize(title, fullSetup, List.copyOf(events), notes);
    }

    private ProgressLine.Status status(long totalNanos) {
        IntervalSample s = lastSample;
        return new ProgressLine.Status(
                recorder.elapsedSeconds(),
                totalNanos / 1e9,
                s == null ? 0 : s.handshakesPerSecond(),
                s == null ? 0 : s.p99Millis(),
                recorder.failed(),
                recorder.connectionsOpen(),
                recorder.finished() - recorder.failed(),
                recorder.isMeasuring() ? "load" : stopping ? "done" : "ramp");
    }

    private void waitUntilStopped(long totalNanos) throws InterruptedException {
        long deadline = System.nanoTime() + totalNanos;
        while (!stopping) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
        }
    }

    /** Lets in-flight attempts settle, bounded by the connect + handshake timeouts. */
    private void drain() throws InterruptedException {
        long deadline = System.nanoTime()
                + plan.connectTimeout().plus(plan.handshakeTimeout()).toNanos()
                + TimeUnit.SECONDS.toNanos(1);
        while (recorder.started() != recorder.finished() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}
