package io.tlslab.e2e.containers;

import io.tlslab.e2e.support.CliResult;
import io.tlslab.e2e.support.TlslabJar;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The authority server image on a Docker network, known there by its alias. Ready when the start-up
 * banner is logged: the image has no shell and docker-proxy accepts a published port before the JVM
 * listens, so a port probe would lie. Admin commands run the image's own {@code tlslab-server cli}
 * inside the container against 127.0.0.1:4285, so no host port is needed and a container restart
 * (which may re-map published ports) changes nothing for the tests.
 */
public final class AuthorityServerContainer extends GenericContainer<AuthorityServerContainer> {

    public static final String ADMIN_PASSWORD = "e2e-container-admin";
    public static final int MESSAGING_PORT = 4287;
    private static final Pattern RUNNING = Pattern.compile("tlslab authority server \\S+ is running");
    private static final Pattern CONSOLE_SHA256 =
            Pattern.compile("console\\s+https://\\S+\\s+certificate SHA-256 ([0-9A-F:]{95})");
    private static final Pattern MESSAGING_SHA256 =
            Pattern.compile("messaging\\s+.*\\n\\s+certificate SHA-256 ([0-9A-F:]{95})");
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final String alias;

    public AuthorityServerContainer(Network network, String alias, String... otherAliases) {
        super(TlslabImages.of(TlslabJar.SERVER));
        this.alias = alias;
        List<String> aliases = new ArrayList<>(List.of(alias));
        aliases.addAll(List.of(otherAliases));
        withNetwork(network);
        withNetworkAliases(aliases.toArray(new String[0]));
        withEnv("TLSLAB_ADMIN_PASSWORD", ADMIN_PASSWORD);
        withCommand("start", "--bind", "0.0.0.0", "--data-dir", "/data", "--hostname", alias);
        waitingFor(Wait.forLogMessage(".*" + RUNNING.pattern() + ".*\\n", 1).withStartupTimeout(STARTUP));
    }

    public String alias() {
        return alias;
    }

    /** {@code tlslab-server cli '<command>'} inside the container. */
    public CliResult cli(String command) {
        return tool("cli", "--url", "https://127.0.0.1:4285", "--insecure", command);
    }

    /** {@code tlslab-server cert import} of a file inside the container (e.g. on the CA job's volume). */
    public CliResult importCertificate(String pathInContainer, String password) {
        return tool(
                "cert",
                "import",
                "--url",
                "https://127.0.0.1:4285",
                "--insecure",
                "--file",
                pathInContainer,
                "--password",
                password);
    }

    private CliResult tool(String... args) {
        List<String> command = new ArrayList<>(List.of(
                "java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", "/opt/tlslab/tlslab-server.jar"));
        command.addAll(List.of(args));
        try {
            Container.ExecResult r = execInContainer(command.toArray(new String[0]));
            return new CliResult(String.join(" ", args), r.getExitCode(), r.getStdout(), r.getStderr());
        } catch (IOException e) {
            throw new IllegalStateException("cannot exec in " + alias, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code docker restart}: SIGTERM, then the same container (same store) starts again. */
    public void restartAndAwaitBanner() {
        int before = ContainerLogs.count(this, RUNNING);
        getDockerClient().restartContainerCmd(getContainerId()).withTimeout(20).exec();
        ContainerLogs.await(this, RUNNING, before + 1, STARTUP);
    }

    /** The console certificate of the latest start, from its banner. */
    public String consoleSha256() {
        return last(CONSOLE_SHA256);
    }

    /** The certificate 4287/4288 present since the latest start, from its banner. */
    public String messagingSha256() {
        return last(MESSAGING_SHA256);
    }

    private String last(Pattern pattern) {
        Matcher m = pattern.matcher(getLogs());
        String found = null;
        while (m.find()) {
            found = m.group(1);
        }
        if (found == null) {
            throw new AssertionError(alias + " logged no /" + pattern + "/:\n" + getLogs());
        }
        return found;
    }
}
