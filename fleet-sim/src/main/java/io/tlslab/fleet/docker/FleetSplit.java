package io.tlslab.fleet.docker;

import java.util.ArrayList;
import java.util.List;

/**
 * How a fleet is split across containers: endpoints and the attempt budget as evenly as possible,
 * the remainder going to the first containers, so the totals are exactly the ones asked for.
 */
public record FleetSplit(int endpoints, long maxHandshakes) {

    public static List<FleetSplit> of(int endpoints, long maxHandshakes, int containers) {
        if (containers < 1) {
            throw new IllegalArgumentException("--containers must be at least 1, got " + containers);
        }
        if (endpoints < containers) {
            throw new IllegalArgumentException("--endpoints (" + endpoints + ") must be at least --containers ("
                    + containers + "): every container runs at least one endpoint");
        }
        if (maxHandshakes < containers) {
            throw new IllegalArgumentException(
                    "--handshakes (" + maxHandshakes + ") must be at least --containers (" + containers + ")");
        }
        List<FleetSplit> parts = new ArrayList<>(containers);
        for (int i = 0; i < containers; i++) {
            int e = endpoints / containers + (i < endpoints % containers ? 1 : 0);
            long h = maxHandshakes / containers + (i < maxHandshakes % containers ? 1 : 0);
            parts.add(new FleetSplit(e, h));
        }
        return parts;
    }

    /**
     * Share {@code "I/K"} (I from 1) of a fleet: what replica I of K runs, so K replicas that each know
     * only their slot run exactly the totals between them.
     */
    public static FleetSplit share(String text, int endpoints, long maxHandshakes) {
        String[] ik = text.trim().split("/");
        int i;
        int k;
        try {
            if (ik.length != 2) {
                throw new NumberFormatException();
            }
            i = Integer.parseInt(ik[0].trim());
            k = Integer.parseInt(ik[1].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--share must be I/K (share I of K, I from 1), got '" + text + "'");
        }
        if (k < 1 || i < 1 || i > k) {
            throw new IllegalArgumentException("--share I/K needs 1 <= I <= K, got '" + text + "'");
        }
        return of(endpoints, maxHandshakes, k).get(i - 1);
    }
}
