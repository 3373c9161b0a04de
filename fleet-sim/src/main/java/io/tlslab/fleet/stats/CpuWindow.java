package io.tlslab.fleet.stats;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads the CPU time of this process and of the server's processes when the measurement window
 * opens and when it closes ({@link ProcessHandle.Info#totalCpuDuration()}: user + system time of
 * all threads). Server processes are given by id because the server may be anything on loopback
 * (nginx master and workers, HAProxy, another JVM).
 */
public final class CpuWindow {
    private final ProcessHandle self = ProcessHandle.current();
    private final List<ProcessHandle> servers;
    private final String clientLabel;
    private final String serverLabel;
    private long clientStart;
    private long clientEnd;
    private long serverStart;
    private long serverEnd;
    private boolean serverLost;

    /**
     * @param serverPids  processes whose CPU is the server's; empty when it is not measured
     * @param clientLabel what this process's figure covers
     * @param noServerWhy shown instead of a server figure when {@code serverPids} is empty
     */
    public CpuWindow(List<Long> serverPids, String clientLabel, String noServerWhy) {
        this.servers = serverPids.stream()
                .map(pid -> ProcessHandle.of(pid)
                        .orElseThrow(() -> new IllegalArgumentException("no process with id " + pid)))
                .toList();
        this.clientLabel = clientLabel;
        this.serverLabel = servers.isEmpty()
                ? noServerWhy
                : "processes " + serverPids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    synchronized void open() {
        clientStart = nanos(self);
        serverStart = serverNanos();
    }

    synchronized void close() {
        clientEnd = nanos(self);
        serverEnd = serverNanos();
    }

    synchronized CpuUse use(long handshakes) {
        double server = servers.isEmpty() || serverLost ? -1 : (serverEnd - serverStart) / 1e9;
        String label = serverLost ? "not measured: a server process ended during the window" : serverLabel;
        return CpuUse.of(handshakes, (clientEnd - clientStart) / 1e9, clientLabel, server, label);
    }

    private long serverNanos() {
        long sum = 0;
        for (ProcessHandle p : servers) {
            Optional<Duration> cpu = p.info().totalCpuDuration();
            if (cpu.isEmpty() || !p.isAlive()) {
                serverLost = true;
                continue;
            }
            sum += cpu.get().toNanos();
        }
        return sum;
    }

    private static long nanos(ProcessHandle p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
