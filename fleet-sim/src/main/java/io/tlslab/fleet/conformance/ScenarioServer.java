package io.tlslab.fleet.conformance;

import io.tlslab.ca.scenario.MintedScenario;
import java.net.InetSocketAddress;

/**
 * Starts a real TLS listener on loopback that presents a scenario's served chain. Conformance runs
 * one per scenario, on an ephemeral port.
 */
public interface ScenarioServer extends AutoCloseable {

    /** Describes the server for reports, e.g. {@code authority-server 4287 listener (OPENSSL)}. */
    String description();

    Running start(MintedScenario scenario) throws Exception;

    /** Stops whatever outlives a single scenario (default: nothing). */
    @Override
    default void close() {}

    /** A started listener; closing stops it. */
    interface Running extends AutoCloseable {
        InetSocketAddress address();

        @Override
        void close();
    }
}
