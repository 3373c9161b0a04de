package io.tlslab.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlslab.fleet.report.LoadReportWriter;
import io.tlslab.fleet.stats.LoadSummary;
import io.tlslab.protocol.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FleetCliTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = FleetCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /**
     * A local load against a server this run starts, on one thread each side, no ramp: {@code endpoints}
     * endpoints, at most {@code handshakes} attempts and {@code duration}, reports named {@code name}.
     */
    private int load(String name, int endpoints, int handshakes, String duration, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "load",
                "--endpoints",
                Integer.toString(endpoints),
                "--handshakes",
                Integer.toString(handshakes),
                "--duration",
                duration,
                "--ramp",
                "0s",
                "--threads",
                "1",
                "--server-threads",
                "1",
                "--out",
                dir.toString(),
                "--name",
                name));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    @Test
    void helpStartsWithExamples() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString())
                .contains("Examples:", "tlslab-fleet demo", "tlslab-fleet conformance", "tlslab-fleet load");
    }

    @Test
    void badValuesAreOneLineUsageErrors() {
        assertThat(run("load", "--engine", "gnutls")).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString())
                .startsWith("tlslab-fleet: ")
                .contains("unknown TLS engine 'gnutls': expected openssl, jdk or auto");
        err.getBuffer().setLength(0);
        assertThat(run("conformance", "--scenarios", "NOPE")).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("tlslab-fleet: unknown scenario 'NOPE'")
                .doesNotContain("\tat ");
        err.getBuffer().setLength(0);
        assertThat(run("load", "--duration", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("'soon' is not a duration");
        err.getBuffer().setLength(0);
        assertThat(run("load", "--target", "192.0.2.1:4287", "--handshakes", "1"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("not a loopback address");
        err.getBuffer().setLength(0);
        assertThat(run("load", "--validate", "sometimes")).isEqualTo(2);
        assertThat(err.toString()).contains("validation must be strict, audit or off, got 'sometimes'");
        err.getBuffer().setLength(0);
        assertThat(run("load", "--server-pid", "1", "--handshakes", "1")).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("tlslab-fleet: --server-pid goes with --target (a started server shares this process)");
    }

    @Test
    void conformanceWritesJsonAndExitsZeroWhenEverythingMatches() throws Exception {
        Path json = dir.resolve("c.json");
        // catalogue names in either form, second-wave ones included, both profiles
        int code = run(
                "conformance",
                "--scenarios",
                "VALID_EC_P256,self-signed,cn-only,revoked-leaf",
                "--engines",
                "JDK,OPENSSL",
                "--profiles",
                "article,webpki",
                "--json",
                json.toString(),
                "--no-color");
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString())
                .contains("SELF_SIGNED", "HOSTNAME_MISMATCH", "REVOKED", "webpki", "64 cells, 0 mismatches (PASS)");
        JsonNode report = Json.mapper().readTree(Files.readString(json));
        assertThat(report.get("cellCount").asInt()).isEqualTo(64);
        assertThat(report.get("mismatches").asInt()).isZero();
    }

    @Test
    void scenariosAreTakenByNameOrSlugAsTlslabCaTakesThem() throws Exception {
        Path json = dir.resolve("slug.json");
        int code = run(
                "conformance",
                "--scenarios",
                "expired-leaf,SELF_SIGNED",
                "--engines",
                "JDK",
                "--modes",
                "strict",
                "--profiles",
                "article",
                "--json",
                json.toString(),
                "--no-color");
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(Json.mapper()
                        .readTree(Files.readString(json))
                        .get("cellCount")
                        .asInt())
                .isEqualTo(2);
        assertThat(out.toString()).contains("EXPIRED");
    }

    @Test
    void aLoadRunWhereEveryAttemptFailedExitsOne() throws Exception {
        int code = load("failing", 2, 6, "1m", "--scenario", "self-signed", "--server", "netty");
        assertThat(code).as(out + "\n" + err).isEqualTo(1);
        LoadSummary s = LoadReportWriter.fromJson(Files.readString(dir.resolve("failing.json")));
        assertThat(s.counts().succeeded()).isZero();
        assertThat(s.failuresByReason()).containsOnlyKeys("SELF_SIGNED");
        assertThat(out.toString()).contains("every attempt failed");
    }

    @Test
    void aShortLoadRunWritesConsistentReports() throws Exception {
        int code = load("run", 4, 40, "1m");
        assertThat(code).as(out + "\n" + err).isZero();
        LoadSummary s = LoadReportWriter.fromJson(Files.readString(dir.resolve("run.json")));
        assertThat(s.counts().started()).isEqualTo(40);
        assertThat(s.counts().succeeded() + s.counts().failed()).isEqualTo(40);
        assertThat(s.counts().succeeded()).isEqualTo(40);
        assertThat(Files.readString(dir.resolve("run.html")))
                .contains(
                        "chart-throughput",
                        "chart-latency",
                        "chart-outcomes",
                        "id=\"cpu\"",
                        "the fleet and the server it started (one JVM), validation strict");
        assertThat(s.cpu().handshakes()).isEqualTo(s.measured().fullHandshakes());
        assertThat(s.cpu().serverMeasured()).isFalse(); // the started server runs in this JVM: in the client figure
        assertThat(out.toString()).contains("CPU per handshake: client");
        assertThat(Files.readAllLines(dir.resolve("run.csv")))
                .hasSize(1 + s.series().size());
        assertThat(out.toString()).contains("attempts 40 = 40 succeeded + 0 failed + 0 in flight");
    }

    /** 13 s after the restart for six endpoints to come back: generous, so a loaded machine cannot fail it. */
    @Test
    void aReconnectStormRecordsWhenEveryEndpointWasBack() throws Exception {
        int code = load("storm", 6, 1_000_000, "15s", "--restart-at", "2s");
        assertThat(code).as(out + "\n" + err).isZero();
        LoadSummary s = LoadReportWriter.fromJson(Files.readString(dir.resolve("storm.json")));
        assertThat(s.events()).hasSize(1);
        assertThat(s.events().get(0).name()).isEqualTo("server restart");
        assertThat(s.events().get(0).allConnectedAfterSeconds()).isPositive();
        assertThat(s.events().get(0).peakPerSecond()).isPositive();
        assertThat(s.counts().balanced()).isTrue();
        assertThat(s.counts().inFlight()).isZero();
        // six held connections before the restart, six again after it
        assertThat(s.counts().succeeded()).isGreaterThanOrEqualTo(12);
        assertThat(Files.readString(dir.resolve("storm.html"))).contains("id=\"events\"", "class=\"marker\"");
        assertThat(out.toString()).contains("server restart at ");
        assertThat(run("load", "--restart-at", "1s", "--server", "netty")).isEqualTo(2);
    }
}
