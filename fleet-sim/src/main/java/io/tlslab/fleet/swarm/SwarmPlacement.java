package io.tlslab.fleet.swarm;

import java.util.List;
import java.util.Locale;

/**
 * Where the replicas may run and what each may use: Swarm placement constraints (e.g.
 * {@code node.labels.fleet==true}, {@code node.role!=manager}) and resource limits.
 *
 * @param nanoCpus    CPU limit per replica in 1e-9 CPUs (0: none), as {@code docker service create --limit-cpu}
 * @param memoryBytes memory limit per replica (0: none)
 */
public record SwarmPlacement(List<String> constraints, long nanoCpus, long memoryBytes) {

    public SwarmPlacement {
        constraints = List.copyOf(constraints);
        for (String c : constraints) {
            if (!c.matches("[A-Za-z0-9_.\\-]+\\s*(==|!=)\\s*\\S+")) {
                throw new IllegalArgumentException("--constraint must look like node.role==worker or "
                        + "node.labels.fleet!=off, got '" + c + "'");
            }
        }
        if (nanoCpus < 0 || memoryBytes < 0) {
            throw new IllegalArgumentException("resource limits cannot be negative");
        }
    }

    /** {@code 1.5} CPUs → 1.5e9 nano-CPUs. */
    public static long cpus(String text) {
        try {
            double cpus = Double.parseDouble(text.trim());
            if (!(cpus > 0) || cpus > 1024) {
                throw new NumberFormatException();
            }
            return Math.round(cpus * 1e9);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--limit-cpus must be a number of CPUs above 0 (e.g. 0.5, 2), got '" + text + "'");
        }
    }

    /** {@code 512m}, {@code 2g}, {@code 1048576} → bytes. */
    public static long memory(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("k") || t.endsWith("m") || t.endsWith("g")) {
            unit = switch (t.charAt(t.length() - 1)) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                default -> 1L << 30;
            };
            t = t.substring(0, t.length() - 1);
        }
        try {
            long n = Long.parseLong(t);
            if (n <= 0 || n > (1L << 50) / unit) {
                throw new NumberFormatException();
            }
            long bytes = n * unit;
            if (bytes < (6L << 20)) {
                throw new IllegalArgumentException(
                        "--limit-memory must be at least 6m (Docker's minimum), got '" + text + "'");
            }
            return bytes;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--limit-memory must be a size like 512m or 2g, got '" + text + "'");
        }
    }
}
