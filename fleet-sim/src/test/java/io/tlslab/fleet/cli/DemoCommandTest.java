package io.tlslab.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int demo(String... extra) {
        CommandLine cli = FleetCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] base = {
            "demo",
            "--no-wait",
            "--data-dir",
            dir.toString(),
            "--console-port",
            "0",
            "--messaging-port",
            "0",
            "--server-port",
            "0",
            "--admin-password",
            "demo-password-1",
            "--endpoints",
            "6",
            "--conformance-scenarios",
            "VALID_EC_P256,SELF_SIGNED",
            "--rate-duration",
            "1s"
        };
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return cli.execute(args);
    }

    @Test
    void theDemoWalksTheRolloutPrintsTheTableAndARateAndCanRunAgain() {
        int first = demo();
        String text = out.toString();
        assertThat(first).as(text + err).isZero();
        assertThat(text)
                .contains(
                        "console   https://127.0.0.1:",
                        "user admin   password demo-password-1",
                        "1. baseline: 6/6 endpoints connected",
                        "=> as the article says.",
                        "32 cells, 0 mismatches (PASS)", // 2 scenarios x 4 modes x 2 engines x 2 profiles
                        "full TLS handshakes/s")
                .contains("The article's rollout with 6 endpoints (4 x 6.0, 2 x 5.4)")
                .contains("(endpoints), 127.0.0.1:")
                .contains("real endpoints against an authority")
                .contains(", 32 endpoints on this machine against 127.0.0.1:")
                .as("no Java expression leaks into the text")
                .doesNotContain("()");
        assertThat(Files.exists(dir.resolve("reports/demo-load.html"))).isTrue();
        assertThat(Files.exists(dir.resolve("reports/conformance.json"))).isTrue();

        out.getBuffer().setLength(0);
        assertThat(demo())
                .as("second run reuses its data directory: " + out + err)
                .isZero();
    }

    @Test
    void aBusyPortGetsOneClearLine() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CommandLine cli = FleetCli.newCommandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute(
                    "demo",
                    "--no-wait",
                    "--data-dir",
                    dir.toString(),
                    "--console-port",
                    String.valueOf(busy.getLocalPort()),
                    "--messaging-port",
                    "0",
                    "--server-port",
                    "0");
            assertThat(code).isEqualTo(1);
            assertThat(err.toString().strip())
                    .startsWith("tlslab-fleet: a demo port is busy")
                    .doesNotContain("\n");
        }
    }

    @Test
    void aDirectoryTheDemoDidNotCreateIsLeftAlone() throws Exception {
        Files.createDirectories(dir.resolve("server"));
        Files.writeString(dir.resolve("server/precious.txt"), "keep me");
        assertThat(demo()).isEqualTo(1);
        assertThat(err.toString()).contains("was not created by the demo");
        assertThat(Files.readString(dir.resolve("server/precious.txt"))).isEqualTo("keep me");
    }
}
