package io.tlslab.fleet.lab;

import io.tlslab.ca.scenario.Scenario;
import io.tlslab.tls.TlsEngine;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * How to start a lab.
 *
 * @param host      the host the catalogue is minted for (a DNS name; {@code localhost} by default)
 * @param scenarios which scenarios to serve, in port order
 * @param bind      the address every listener binds (loopback, or any address inside a container)
 * @param basePort  the index page's port; scenario i listens on {@code basePort + 1 + i}. 0 puts every
 *                  listener on a free ephemeral port (tests)
 * @param engine    the TLS engine presenting the chains
 * @param directory where {@code scenarios.json}, the trust anchors and the minted set are written
 */
public record LabConfig(
        String host, List<Scenario> scenarios, InetAddress bind, int basePort, TlsEngine engine, Path directory) {

    public LabConfig {
        scenarios = List.copyOf(scenarios);
        if (scenarios.isEmpty()) {
            throw new IllegalArgumentException("the lab needs at least one scenario");
        }
        if (basePort < 0 || (basePort > 0 && basePort + scenarios.size() > 65535)) {
            throw new IllegalArgumentException("base port " + basePort + " leaves no room for " + scenarios.size()
                    + " scenario ports below 65536");
        }
    }
}
