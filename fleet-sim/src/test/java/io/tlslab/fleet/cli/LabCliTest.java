package io.tlslab.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlslab.protocol.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lab serve} and {@code probe-client} on the command line: exit codes, one-line errors, reports. */
class LabCliTest {

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

    @Test
    void aClientAcceptingEverythingFailsTheRunAndTheReportsSayWhy() throws Exception {
        int code = run(
                "probe-client",
                "--scenarios",
                "valid-ec-p256,self-signed",
                "--out",
                dir.toString(),
                "--client",
                "yes-man",
                "--no-color",
                "--",
                "sh",
                "-c",
                "echo accepted",
                "sh",
                "{url}");
        assertThat(code).as(out + "\n" + err).isEqualTo(1);
        assertThat(out.toString())
                .contains(
                        "self-signed",
                        "FALSE ACCEPT",
                        "yes-man: 2 scenarios, 1 agree, 1 false accepts",
                        "trusts a self-signed certificate it was not given");
        JsonNode json = Json.mapper().readTree(Files.readString(dir.resolve("probe-yes-man.json")));
        assertThat(json.get("counts").get("falseAccepts").asInt()).isEqualTo(1);
        assertThat(json.get("cells").get(1).get("output").asText()).isEqualTo("accepted\n");
        String html = Files.readString(dir.resolve("probe-yes-man.html"));
        assertThat(html).contains("<h1>tlslab probe-client: yes-man</h1>", "FALSE_ACCEPT", "id=\"report-data\"");
    }

    @Test
    void badUsageIsOneLineAndExitTwo() {
        assertThat(run("probe-client", "--", "curl", "https://example.invalid/"))
                .isEqualTo(2);
        assertThat(err.toString().strip())
                .startsWith("tlslab-fleet: the client command names no scenario")
                .doesNotContain("\n");
        err.getBuffer().setLength(0);
        assertThat(run("probe-client", "--accept-regex", "(", "--", "echo", "{url}"))
                .isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("tlslab-fleet: --accept-regex is not a regular expression");
        err.getBuffer().setLength(0);
        assertThat(run("probe-client", "--parallel", "99", "--", "echo", "{url}"))
                .isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("tlslab-fleet: parallel must be 1..16, got 99");
        err.getBuffer().setLength(0);
        assertThat(run("lab", "serve", "--bind", "example.com")).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("tlslab-fleet: --bind takes an IP address");
        err.getBuffer().setLength(0);
        assertThat(run("lab", "serve", "--host", "127.0.0.1")).isEqualTo(2);
        assertThat(err.toString().strip()).contains("give a DNS name, not an IP address");
        err.getBuffer().setLength(0);
        assertThat(run("probe-client", "--lab", dir.toString(), "--", "echo", "{url}"))
                .isEqualTo(2);
        assertThat(err.toString().strip())
                .startsWith("tlslab-fleet: cannot read ")
                .doesNotContain("\tat ");
    }

    @Test
    void labServePrintsTheTableAndOneReadinessLineThenStopsAfterItsDuration() throws Exception {
        int code = run(
                "lab",
                "serve",
                "--scenarios",
                "expired-leaf,valid-ec-p256",
                "--port",
                "0",
                "--out",
                dir.resolve("lab").toString(),
                "--duration",
                "1s");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("expired-leaf", "REJECT:EXPIRED", "https://localhost:")
                .containsPattern(
                        "(?m)^tlslab-lab ready: 2 scenarios on 127\\.0\\.0\\.1 ports \\d+-\\d+, index http://127\\.0\\.0\\.1:\\d+/, .*scenarios\\.json$")
                .contains("tlslab-lab stopped after 1s");
        assertThat(out.toString().lines().filter(l -> l.startsWith("tlslab-lab ready:")))
                .hasSize(1);
        assertThat(dir.resolve("lab/scenarios.json")).exists();
    }
}
