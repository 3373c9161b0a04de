package io.tlslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class EnvironmentDefaultsTest {

    @Command(name = "tool", mixinStandardHelpOptions = true)
    static final class Tool implements Callable<Integer> {
        @EnvironmentDefault("TLSLAB_WAIT")
        @Option(names = "--wait", defaultValue = "5s", description = "how long (default ${DEFAULT-VALUE}; TLSLAB_WAIT)")
        Duration wait;

        @Option(names = "--name", defaultValue = "plain", description = "not read from the environment")
        String name;

        @Override
        public Integer call() {
            return ExitCodes.OK;
        }
    }

    record Run(int code, String out, String err, Tool tool) {}

    private static Run run(Map<String, String> environment, String... args) {
        Tool tool = new Tool();
        CommandLine cli = CliKit.configure(new CommandLine(tool), environment);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString(), tool);
    }

    @Test
    void aMarkedOptionTakesItsVariableWhenSetAndItsAnnotationDefaultOtherwise() {
        assertThat(run(Map.of()).tool().wait).isEqualTo(Duration.ofSeconds(5));
        assertThat(run(Map.of("TLSLAB_WAIT", "750ms")).tool().wait).isEqualTo(Duration.ofMillis(750));
        assertThat(run(Map.of("TLSLAB_WAIT", "  ")).tool().wait).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theCommandLineWinsOverTheVariable() {
        assertThat(run(Map.of("TLSLAB_WAIT", "750ms"), "--wait", "2s").tool().wait)
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void onlyMarkedOptionsReadTheEnvironment() {
        assertThat(run(Map.of("TLSLAB_NAME", "from-env", "NAME", "from-env")).tool().name)
                .isEqualTo("plain");
    }

    @Test
    void helpShowsTheDefaultInEffect() {
        assertThat(run(Map.of("TLSLAB_WAIT", "750ms"), "--help").out()).contains("(default 750ms; TLSLAB_WAIT)");
    }

    @Test
    void aBadVariableIsOneUsageErrorLine() {
        Run r = run(Map.of("TLSLAB_WAIT", "soon"));
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err())
                .startsWith("tool: ")
                .contains("'soon' is not a duration")
                .doesNotContain("\tat ");
    }
}
