package io.tlslab.e2e.containers;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.containers.GenericContainer;

/** Bounded waits on what a container logged (its whole log, across restarts). */
final class ContainerLogs {

    private ContainerLogs() {}

    static int count(GenericContainer<?> container, Pattern pattern) {
        Matcher m = pattern.matcher(container.getLogs());
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Waits until the log holds at least {@code n} matches. */
    static void await(GenericContainer<?> container, Pattern pattern, int n, Duration timeout) {
        try {
            Awaitility.await()
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> count(container, pattern) >= n);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(container.getContainerName() + ": fewer than " + n + " lines /" + pattern
                    + "/ within " + timeout + "; log:\n" + container.getLogs());
        }
    }
}
