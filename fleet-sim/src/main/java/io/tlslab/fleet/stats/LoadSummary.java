package io.tlslab.fleet.stats;

import java.util.List;
import java.util.Map;

/**
 * Everything a load run measured, in the shape the JSON report has. Rates and latencies cover the
 * measurement window only (ramp-up excluded); {@link Counts} cover the whole run so that nothing
 * started can go missing: {@code started == succeeded + failed + inFlight}.
 *
 * @param startedAt ISO-8601 UTC instant the run began
 * @param setup     what was run (engine, scenario, endpoints, target, key-exchange group...), for the reader
 * @param cpu       CPU time per handshake in the measurement window (client, and server when its process
 *                  ids were given); null in reports of older versions
 * @param events    actions taken on the target mid-run (reconnect storms) and the fleet's reaction
 * @param notes     caveats the reader must know to interpret the figures
 */
public record LoadSummary(
        String title,
        String startedAt,
        Map<String, String> setup,
        Timing timing,
        Counts counts,
        Measured measured,
        CpuUse cpu,
        LatencySummary fullLatency,
        LatencySummary resumedLatency,
        Map<String, Long> failuresByReason,
        List<PercentilePoint> latencyDistribution,
        List<IntervalSample> series,
        List<RunEvent> events,
        List<String> notes) {

    public LoadSummary {
        setup = Map.copyOf(setup);
        failuresByReason = Map.copyOf(failuresByReason);
        latencyDistribution = List.copyOf(latencyDistribution);
        series = List.copyOf(series);
        events = List.copyOf(events);
        notes = List.copyOf(notes);
    }

    /** @param rampSeconds time before the measurement window; {@code measuredSeconds} the window itself */
    public record Timing(double rampSeconds, double measuredSeconds, double totalSeconds) {}

    /**
     * Whole-run counters.
     *
     * @param started    handshake attempts begun (TCP connect issued)
     * @param succeeded  attempts whose TLS handshake completed and validated
     * @param failed     attempts that ended in a connect error, a TLS failure or a validation reject
     * @param inFlight   attempts neither succeeded nor failed when the run ended (0 after a clean drain)
     * @param retries    attempts that followed a failure of the same simulated endpoint
     * @param keepAlivesAnswered server keep-alive PINGs answered on held connections
     */
    public record Counts(
            long started,
            long succeeded,
            long failed,
            long inFlight,
            long fullHandshakes,
            long resumedHandshakes,
            long retries,
            int connectionsPeak,
            int connectionsOpenAtEnd,
            long keepAlivesAnswered) {

        /** Whether every attempt is accounted for. */
        public boolean balanced() {
            return started == succeeded + failed + inFlight && succeeded == fullHandshakes + resumedHandshakes;
        }
    }

    /** Measurement-window figures (ramp-up excluded). */
    public record Measured(
            long fullHandshakes,
            long resumedHandshakes,
            long failures,
            double fullPerSecond,
            double resumedPerSecond) {}
}
