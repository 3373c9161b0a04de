package io.tlslab.e2e.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * One tlslab jar running in its own JVM, as a user would start it. Output goes to a file under
 * {@code e2e-tests/target/e2e-logs} (kept for post-mortems) which the waits poll: no pipe can fill up
 * and block the process.
 */
public final class JavaProcess implements AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Duration POLL = Duration.ofMillis(100);
    // Short-lived CLIs and lightly loaded servers: C1 only and a small heap start faster on 2 cores.
    private static final List<String> JVM_FLAGS =
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-Xshare:auto");

    private final String name;
    private final Process process;
    private final Path stdoutFile;
    private final Path stderrFile;

    private JavaProcess(String name, Process process, Path stdoutFile, Path stderrFile) {
        this.name = name;
        this.process = process;
        this.stdoutFile = stdoutFile;
        this.stderrFile = stderrFile;
    }

    public static Builder of(TlslabJar jar) {
        return new Builder(jar);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything written so far to stdout and stderr. */
    public String log() {
        return read(stdoutFile) + read(stderrFile);
    }

    /**
     * Waits until a line of the output matches, and returns the match (group 1 when the pattern has
     * one). Fails early when the process dies, with its output in the message.
     */
    public String awaitLine(Pattern pattern, Duration timeout) {
        Matcher matcher;
        try {
            matcher = await().atMost(timeout)
                    .pollInterval(POLL)
                    .failFast(
                            () -> !process.isAlive() && !pattern.matcher(log()).find())
                    .until(() -> pattern.matcher(log()), Matcher::find);
        } catch (TerminalFailureException e) {
            throw new AssertionError(name + " exited with " + process.exitValue() + " before printing /" + pattern
                    + "/; output:\n" + log());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    name + " did not print /" + pattern + "/ within " + timeout + "; output:\n" + log());
        }
        return matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
    }

    /** Counts the matches in the output so far (e.g. how many handshakes an endpoint logged). */
    public int count(Pattern pattern) {
        Matcher matcher = pattern.matcher(log());
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }

    /** Waits until the output holds at least {@code n} matches of the pattern. */
    public void awaitCount(Pattern pattern, int n, Duration timeout) {
        try {
            await().atMost(timeout).pollInterval(POLL).until(() -> count(pattern) >= n);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    name + ": fewer than " + n + " lines /" + pattern + "/ within " + timeout + "; output:\n" + log());
        }
    }

    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(name + " still running after " + timeout + "; output:\n" + log());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM (a graceful shutdown, like a service manager's stop), then SIGKILL after 15 s. */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL: a crash, no shutdown hook runs. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How to start a jar: arguments, environment, working directory. */
    public static final class Builder {
        private final TlslabJar jar;
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> jvmArgs = new ArrayList<>();
        private Path workDir;
        private String name;

        private Builder(TlslabJar jar) {
            this.jar = jar;
        }

        public Builder args(String... more) {
            args.addAll(List.of(more));
            return this;
        }

        public Builder args(List<String> more) {
            args.addAll(more);
            return this;
        }

        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        public Builder jvmArg(String arg) {
            jvmArgs.add(arg);
            return this;
        }

        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        public Builder name(String processName) {
            this.name = processName;
            return this;
        }

        /** Starts the process in the background. */
        public JavaProcess start() {
            String label = (name != null ? name : jar.name().toLowerCase()) + "-" + SEQUENCE.incrementAndGet();
            Path logs = Reactor.root().resolve("e2e-tests/target/e2e-logs");
            try {
                Files.createDirectories(logs);
                Path out = logs.resolve(label + ".out.log");
                Path err = logs.resolve(label + ".err.log");
                List<String> command = new ArrayList<>();
                command.add(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(JVM_FLAGS);
                command.addAll(jvmArgs);
                command.add("-jar");
                command.add(jar.path().toString());
                command.addAll(args);
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(
                                Path.of("/dev/null").toFile()));
                if (workDir != null) {
                    builder.directory(workDir.toFile());
                }
                // a terminal-less, colour-less, predictable child
                builder.environment().put("NO_COLOR", "1");
                builder.environment().putAll(env);
                Files.writeString(out, "", StandardCharsets.UTF_8);
                return new JavaProcess(label, builder.start(), out, err);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + jar.fileName(), e);
            }
        }

        /** Runs a one-shot command to completion. */
        public CliResult run(Duration timeout) {
            JavaProcess process = start();
            int exit = process.awaitExit(timeout);
            return new CliResult(
                    jar.fileName() + " " + String.join(" ", args),
                    exit,
                    read(process.stdoutFile),
                    read(process.stderrFile));
        }
    }
}
