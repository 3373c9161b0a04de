package io.tlslab.fleet.stats;

/**
 * Processor time spent in the measurement window, per successful handshake: the load generator's own
 * (this process) and, when its process ids were given, the server's. Process CPU is user + system
 * time of every thread, as the kernel accounts it ({@code /proc/<pid>/stat}), so it does not depend
 * on how busy the rest of the machine is the way a rate does.
 *
 * @param handshakes            handshakes that succeeded in the window (the divisor)
 * @param clientCpuSeconds      this process's CPU time in the window
 * @param clientMicrosPerHandshake {@code clientCpuSeconds} per handshake, in microseconds
 * @param client                what the client figure covers (validation mode, in-process server...)
 * @param serverCpuSeconds      the server processes' CPU time in the window, -1 when not measured
 * @param serverMicrosPerHandshake per handshake, in microseconds, -1 when not measured
 * @param server                which processes the server figure covers, or why there is none
 */
public record CpuUse(
        long handshakes,
        double clientCpuSeconds,
        double clientMicrosPerHandshake,
        String client,
        double serverCpuSeconds,
        double serverMicrosPerHandshake,
        String server) {

    public static CpuUse of(long handshakes, double clientSeconds, String client, double serverSeconds, String server) {
        return new CpuUse(
                handshakes,
                clientSeconds,
                perHandshake(clientSeconds, handshakes),
                client,
                serverSeconds,
                serverSeconds < 0 ? -1 : perHandshake(serverSeconds, handshakes),
                server);
    }

    public boolean serverMeasured() {
        return serverCpuSeconds >= 0;
    }

    private static double perHandshake(double seconds, long handshakes) {
        return handshakes == 0 ? 0 : seconds * 1e6 / handshakes;
    }
}
