package io.tlslab.e2e.containers;

import static org.awaitility.Awaitility.await;

import io.tlslab.e2e.support.HandshakeLines;
import io.tlslab.e2e.support.TlslabJar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * One endpoint ({@code tlslab-client connect}) on the Docker network: it dials a server by a network
 * alias, so the certificate's SAN is checked against a real DNS name, and trusts only the lab CA's
 * root from the certificate volume. Ready when it has announced itself; its verdicts are read from
 * its output.
 */
public final class EndpointContainer extends GenericContainer<EndpointContainer> {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String label;

    /**
     * @param dialHost the server's network alias to dial and validate against
     * @param version  the product version it reports (below 6.0: never strict)
     * @param strict   persist strictValidation=true before the first connection, as if a server had
     *                 pushed it earlier
     */
    public EndpointContainer(Network network, String label, String dialHost, String version, boolean strict) {
        super(TlslabImages.of(TlslabJar.CLIENT));
        this.label = label;
        List<String> command = new ArrayList<>(List.of(
                "connect",
                "--server",
                dialHost + ":" + AuthorityServerContainer.MESSAGING_PORT,
                "--trust",
                CertificateVolume.MOUNT + "/ca/root.pem",
                "--data-dir",
                "/data",
                "--endpoint-version",
                version,
                "--retry",
                "exponential:200ms:2s"));
        if (strict) {
            command.add("--strict");
        }
        withNetwork(network);
        withCommand(command.toArray(new String[0]));
        waitingFor(Wait.forLogMessage(HandshakeLines.STARTED.pattern().replace("(?m)^", "") + ".*\\n", 1)
                .withStartupTimeout(WAIT));
    }

    public String label() {
        return label;
    }

    public List<String> verdicts() {
        return HandshakeLines.verdicts(getLogs());
    }

    /** Waits for the first certificate verdict after the first {@code seen} ones and returns it. */
    public String awaitVerdictAfter(int seen) {
        try {
            return await().atMost(WAIT)
                    .pollInterval(Duration.ofMillis(200))
                    .until(this::verdicts, v -> v.size() > seen)
                    .get(seen);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(label + " reached no certificate verdict within " + WAIT + "; log:\n" + getLogs());
        }
    }

    public void awaitStrictReceived() {
        ContainerLogs.await(this, HandshakeLines.STRICT_RECEIVED, 1, WAIT);
    }
}
