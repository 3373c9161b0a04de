package io.tlslab.e2e.support;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One endpoint run with {@code tlslab-client connect} in its own JVM, staying connected and
 * reconnecting on its own. What it concluded is read from the command's stdout lines
 * ({@code handshake: ACCEPT ...}, {@code settings: strictValidation=...}, {@code retry: ...}).
 */
public final class EndpointProcess implements AutoCloseable {

    public static final Pattern RETRY = HandshakeLines.RETRY;
    private static final Duration WAIT = Duration.ofSeconds(60);
    // fast, bounded retries so that a recovery shows within seconds (the default caps at 300 s)
    private static final String TEST_RETRY = "exponential:200ms:2s";

    private final String name;
    private final List<String> args;
    private JavaProcess process;

    private EndpointProcess(String name, List<String> args) {
        this.name = name;
        this.args = List.copyOf(args);
    }

    /**
     * Starts an endpoint of the given version that connects to 127.0.0.1:{@code port}, validates the
     * certificate against {@code dialHost}, trusts only {@code trustedRoots} and keeps its GUID and
     * received settings in {@code dataDir}.
     */
    public static EndpointProcess start(
            String name, int port, String dialHost, Path trustedRoots, Path dataDir, String version) {
        List<String> args = new ArrayList<>(List.of(
                "connect",
                "--server",
                "127.0.0.1:" + port,
                "--dial-host",
                dialHost,
                "--trust",
                trustedRoots.toString(),
                "--data-dir",
                dataDir.toString(),
                "--endpoint-version",
                version,
                "--retry",
                TEST_RETRY));
        EndpointProcess endpoint = new EndpointProcess(name, args);
        endpoint.launch();
        return endpoint;
    }

    private void launch() {
        process = JavaProcess.of(TlslabJar.CLIENT).name(name).args(args).start();
        process.awaitLine(HandshakeLines.STARTED, WAIT);
    }

    /** Stops the endpoint (SIGTERM) and starts it again with the same data directory. */
    public void restart() {
        process.stop();
        launch();
    }

    public void stop() {
        if (process != null) {
            process.stop();
        }
    }

    /** The mode the endpoint announced at start-up: strict, non-strict, 5.x ... */
    public String startupMode() {
        return process.awaitLine(HandshakeLines.STARTED, WAIT);
    }

    /**
     * Certificate verdicts printed so far, in order: {@code ACCEPT} or {@code REJECT:<REASON>}. Attempts
     * that failed before a verdict (the server restarting, connection refused) are left out.
     */
    public List<String> verdicts() {
        return HandshakeLines.verdicts(process.log());
    }

    public int verdictCount() {
        return verdicts().size();
    }

    /** Waits for the first verdict after the first {@code seen} ones and returns it. */
    public String awaitVerdictAfter(int seen) {
        try {
            return await().atMost(WAIT)
                    .pollInterval(POLL)
                    .until(this::verdicts, v -> v.size() > seen)
                    .get(seen);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    name + " reached no certificate verdict within " + WAIT + "; output:\n" + process.log());
        }
    }

    /** Waits until a verdict after the first {@code seen} ones equals {@code expected}. */
    public void awaitVerdictAfter(int seen, String expected) {
        try {
            // one snapshot per poll: the log grows while it is read, so two reads may disagree on its length
            await().atMost(WAIT)
                    .pollInterval(POLL)
                    .until(
                            this::verdicts,
                            now -> now.subList(Math.min(seen, now.size()), now.size())
                                    .contains(expected));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(name + " did not conclude " + expected + " within " + WAIT + "; verdicts "
                    + verdicts() + "; output:\n" + process.log());
        }
    }

    private static final Duration POLL = Duration.ofMillis(100);

    public void awaitStrictReceived() {
        process.awaitLine(HandshakeLines.STRICT_RECEIVED, WAIT);
    }

    public JavaProcess process() {
        return process;
    }

    @Override
    public void close() {
        stop();
    }
}
