package io.tlslab.fleet.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.fleet.cli.FleetCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Bad {@code --docker} options are usage errors, found before any engine is contacted. */
class DockerLoadOptionsTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = FleetCli.newCommandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void moreContainersThanEndpointsIsAUsageError() {
        assertThat(run("load", "--docker", "--containers", "4", "--endpoints", "3"))
                .isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo(
                        "tlslab-fleet: --endpoints (3) must be at least --containers (4): every container runs at least one endpoint");
    }

    @Test
    void containerCountIsBounded() {
        assertThat(run("load", "--docker", "--containers", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--containers must be 1-256, got 0");
    }

    @Test
    void aReconnectStormNeedsTheLocalServer() {
        assertThat(run("load", "--docker", "--restart-at", "5s")).isEqualTo(2);
        assertThat(err.toString()).contains("--restart-at cannot be combined with --docker");
    }
}
