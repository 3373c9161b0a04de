package io.tlslab.fleet.cli;

import io.tlslab.fleet.lab.LabConfig;
import io.tlslab.fleet.lab.LabManifest;
import io.tlslab.fleet.lab.LabManifestJson;
import io.tlslab.fleet.lab.ScenarioLab;
import io.tlslab.fleet.lab.probe.ProbeReport;
import io.tlslab.fleet.lab.probe.ProbeRunner;
import io.tlslab.fleet.report.ProbeReportHtml;
import io.tlslab.protocol.json.Json;
import io.tlslab.tls.cli.EngineOption;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tlslab-fleet probe-client}: scores any TLS client on the scenario catalogue. */
@Command(
        name = "probe-client",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "Starts the scenario lab on loopback (or uses a running one, --lab) and runs YOUR client once per scenario,",
            "the placeholders filled in. Exit code 0 (or --accept-regex found in its output) means the client accepted",
            "the certificate. Prints expected vs observed per scenario and the client's effective profile, writes JSON",
            "and HTML reports, and exits 1 if the client accepted any certificate it must refuse (a false accept).",
            "",
            "Placeholders: {url} https://<dial host>:<port>/   {host} dial host   {port}   {ip} 127.0.0.1",
            "              {ca} the scenario's trust anchors (PEM)   {hosts} hosts file (dial hosts -> 127.0.0.1)   {slug}",
            "The command runs directly, not in a shell (use sh -c '...' for pipes), with no stdin, bounded by --timeout.",
            "",
            "Examples:",
            "  tlslab-fleet probe-client -- curl -sS --cacert {ca} --resolve {host}:{port}:{ip} {url}",
            "  tlslab-fleet probe-client -- sh -c 'openssl s_client -connect {ip}:{port} -servername {host} -CAfile {ca} \\",
            "      -verify_return_error -verify_hostname {host} </dev/null'",
            "  tlslab-fleet probe-client --accept-regex 'tlslab scenario' -- wget -qO- --ca-certificate={ca} {url}",
            "  tlslab-fleet probe-client --reject-regex SSLHandshakeException -- java -Djdk.net.hosts.file={hosts} JdkHttpsProbe {url} {ca}",
            "  tlslab-fleet probe-client --lab /tmp/lab -- java -Djdk.net.hosts.file={hosts} JdkHttpsProbe {url} {ca}",
            ""
        })
public final class ProbeClientCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--accept-regex",
            paramLabel = "REGEX",
            description = "accepted = this regex found in the client's output (exit code ignored)")
    String acceptRegex;

    @Option(
            names = "--reject-regex",
            paramLabel = "REGEX",
            description =
                    "a failed run counts as a refusal only if this is found in its output (e.g. SSLHandshakeException);"
                            + " otherwise it has no answer (a client timing out on its own is not refusing a certificate)")
    String rejectRegex;

    @Option(
            names = "--timeout",
            defaultValue = "15s",
            description = "per client run; killed then, no answer (default ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(
            names = "--parallel",
            defaultValue = "2",
            description = "client runs at once, 1..16 (default ${DEFAULT-VALUE})")
    int parallel;

    @Option(
            names = "--client",
            paramLabel = "NAME",
            description = "name of the client in the table and report (default: the program)")
    String client;

    @Option(names = "--scenarios", split = ",", description = "scenarios to probe (default: the whole catalogue)")
    List<String> scenarios;

    @Option(
            names = "--host",
            defaultValue = "localhost",
            description = "host to mint the catalogue for (default ${DEFAULT-VALUE})")
    String host;

    @Mixin
    EngineOption engine;

    @Option(
            names = "--lab",
            paramLabel = "DIR",
            description = "probe a running lab (its scenarios.json directory) instead of starting one")
    Path labDir;

    @Option(
            names = "--out",
            defaultValue = "fleet-reports",
            description = "report directory (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--name", description = "report base name (default probe-<client>)")
    String name;

    @Option(names = "--color", negatable = true, description = "colour false accepts (default: on a terminal)")
    Boolean colour;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "the client command with placeholders, after --")
    List<String> command;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ProbeRunner.Options options = LoadCommand.parse(() -> ProbeRunner.Options.defaults()
                .withTimeout(timeout)
                .withParallel(parallel)
                .withAcceptRegex(regex(acceptRegex, "--accept-regex"))
                .withRejectRegex(regex(rejectRegex, "--reject-regex"))
                .withClientLabel(client));
        ProbeReport report;
        if (labDir != null) {
            LabManifest manifest = LoadCommand.parse(() -> readLab(labDir));
            report = probe(manifest, labDir.toAbsolutePath(), options, out);
        } else {
            Path dir = Files.createTempDirectory("tlslab-probe-");
            try (ScenarioLab lab = LoadCommand.parse(() -> start(new LabConfig(
                    host,
                    LabCommand.scenarioList(scenarios),
                    InetAddress.getLoopbackAddress(),
                    0,
                    engine.engine(),
                    dir)))) {
                report = probe(lab.manifest(), lab.directory(), options, out);
            } finally {
                deleteTree(dir);
            }
        }
        boolean ansi = colour != null ? colour : System.console() != null;
        out.print(ProbeRunner.table(report, ansi));
        String base = name != null ? name : "probe-" + report.client().replaceAll("[^A-Za-z0-9._-]", "_");
        String json = Json.prettyWriter().writeValueAsString(report);
        write(this.out.resolve(base + ".json"), json);
        write(this.out.resolve(base + ".html"), ProbeReportHtml.render(report, json));
        out.println("reports: " + this.out.resolve(base + ".json") + ", " + this.out.resolve(base + ".html"));
        return report.passed() ? 0 : 1;
    }

    private ProbeReport probe(LabManifest manifest, Path dir, ProbeRunner.Options options, PrintWriter out)
            throws InterruptedException {
        int total = manifest.scenarios().size();
        AtomicInteger done = new AtomicInteger();
        boolean live = System.console() != null;
        ProbeReport report = LoadCommand.parse(() -> {
            try {
                return ProbeRunner.run(manifest, dir, command, options, cell -> {
                    if (live) {
                        out.printf("\r[%d/%d] %-30s", done.incrementAndGet(), total, cell.slug());
                        out.flush();
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        });
        if (live) {
            out.print("\r" + " ".repeat(44) + "\r");
        }
        return report;
    }

    private static Pattern regex(String text, String option) {
        if (text == null) {
            return null;
        }
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(option + " is not a regular expression: " + e.getDescription());
        }
    }

    private static ScenarioLab start(LabConfig config) {
        try {
            return ScenarioLab.start(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the lab", e);
        }
    }

    /** A running lab's manifest; its listeners must be on this machine's loopback (or every address of it). */
    static LabManifest readLab(Path dir) {
        Path file = dir.resolve(LabManifest.FILE_NAME);
        LabManifest m;
        try {
            m = LabManifestJson.read(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        String bind = m.bindAddress();
        if (!(bind.startsWith("127.")
                || bind.equals("::1")
                || bind.equals("0:0:0:0:0:0:0:1")
                || bind.equals("0.0.0.0"))) {
            throw new IllegalArgumentException(
                    "the lab in " + dir + " listens on " + bind + ": probe-client only targets loopback");
        }
        return m;
    }

    private static void write(Path file, String text) {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
