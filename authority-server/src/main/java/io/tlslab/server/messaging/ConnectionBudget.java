package io.tlslab.server.messaging;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Splits the process's file-descriptor limit between the listeners, so that a flood on 4287 can use
 * up its own share but never the descriptors the console (4285), the server port (4288), the
 * database and the JVM itself need: the configured connection cap applies only where it is lower.
 *
 * <p>The reserve is a tenth of the limit, at least {@value #MIN_RESERVE}; 4288 may use a quarter of
 * it, the rest stays free for the console, the database files and the JVM. At the common 1,024
 * limit: 4287 takes at most 768, 4288 at most 64, 192 stay free.
 */
public record ConnectionBudget(long descriptorLimit, int reserve, int endpointConnections, int serverConnections) {
    static final int MIN_RESERVE = 256;

    /** @param descriptorLimit the soft limit on open files, or a negative value when unknown */
    public static ConnectionBudget of(long descriptorLimit, int configuredMaxConnections) {
        if (descriptorLimit <= 0) {
            return new ConnectionBudget(-1, 0, configuredMaxConnections, configuredMaxConnections);
        }
        int reserve = (int) Math.max(MIN_RESERVE, descriptorLimit / 10);
        int forEndpoints = (int) Math.max(1, Math.min(Integer.MAX_VALUE, descriptorLimit - reserve));
        int forServers = Math.max(1, reserve / 4);
        return new ConnectionBudget(
                descriptorLimit,
                reserve,
                Math.min(configuredMaxConnections, forEndpoints),
                Math.min(configuredMaxConnections, forServers));
    }

    /** This process's limit on open file descriptors (the JVM raises the soft limit to the hard one at start). */
    public static long processDescriptorLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    public String describe() {
        return descriptorLimit < 0
                ? "descriptor limit unknown: endpoint and server messaging each take at most " + endpointConnections
                : "descriptor limit " + descriptorLimit + ": endpoint messaging takes at most " + endpointConnections
                        + ", server messaging at most " + serverConnections + ", " + (reserve - serverConnections)
                        + " kept for the console, the database and the JVM";
    }
}
