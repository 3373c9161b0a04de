package io.tlslab.fleet.rollout;

import java.util.List;
import java.util.Map;

/**
 * What the article's rollout did to a fleet, phase by phase.
 *
 * @param fleet      endpoints by version, e.g. {@code {6.0=16, 5.4=8}}
 * @param retryPolicy the endpoints' retry routine
 * @param phases     in order: baseline, strict on with the self-signed certificate, CA-signed certificate
 * @param recovery   how the fleet came back after the CA-signed certificate was installed
 */
public record RolloutReport(
        Map<String, Integer> fleet,
        String retryPolicy,
        List<Phase> phases,
        Recovery recovery,
        boolean asTheArticleSays) {

    public RolloutReport {
        fleet = Map.copyOf(fleet);
        phases = List.copyOf(phases);
    }

    /**
     * @param connectedByVersion endpoints connected at the end of the phase, by version
     * @param rejections         rejections by reason code during the phase
     * @param expectation        what the article says should happen
     * @param met                whether it did
     */
    public record Phase(
            String name,
            String action,
            double seconds,
            Map<String, Integer> connectedByVersion,
            Map<String, Long> rejections,
            long retries,
            String expectation,
            boolean met) {
        public Phase {
            connectedByVersion = Map.copyOf(connectedByVersion);
            rejections = Map.copyOf(rejections);
        }
    }

    /**
     * @param allRecovered       every endpoint connected again within the bound
     * @param p50Seconds         median time from the restart to an endpoint's first accepted handshake
     * @param timeToRecoverSeconds time until the last endpoint was back
     */
    public record Recovery(boolean allRecovered, double p50Seconds, double timeToRecoverSeconds, long retries) {}
}
