package io.tlslab.tls.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.cli.CliKit;
import io.tlslab.cli.ExitCodes;
import io.tlslab.tls.TlsEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class EngineOptionTest {

    @Command(name = "tool", mixinStandardHelpOptions = true)
    static final class Tool implements Callable<Integer> {
        @Mixin
        EngineOption engine;

        @Override
        public Integer call() {
            return ExitCodes.OK;
        }
    }

    /** The engine {@code args} choose with {@code environment} as the process environment. */
    private static TlsEngine engineOf(Map<String, String> environment, String... args) {
        Tool tool = new Tool();
        CliKit.configure(new CommandLine(tool), environment).parseArgs(args);
        return tool.engine.engine();
    }

    private static TlsEngine engineOf(String... args) {
        return engineOf(Map.of(), args);
    }

    /** Runs the tool as a user would; {@code out} and {@code err} receive what it prints. */
    private static int execute(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = CliKit.configure(new CommandLine(new Tool()), Map.of());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void namesAnyCaseAndAutoAreParsed() {
        assertThat(engineOf("--engine", "jdk")).isEqualTo(TlsEngine.JDK);
        assertThat(engineOf("--engine", "OPENSSL")).isEqualTo(TlsEngine.OPENSSL);
        assertThat(engineOf("--engine", "boringssl")).isEqualTo(TlsEngine.OPENSSL);
        assertThat(engineOf("--engine", "auto")).isEqualTo(TlsEngine.preferred());
    }

    @Test
    void theDefaultIsAutoUnlessTlslabEngineSaysOtherwise() {
        assertThat(engineOf()).isEqualTo(TlsEngine.preferred());
        assertThat(engineOf(Map.of(EngineOption.VARIABLE, "jdk"))).isEqualTo(TlsEngine.JDK);
        assertThat(engineOf(Map.of(EngineOption.VARIABLE, "jdk"), "--engine", "openssl"))
                .isEqualTo(TlsEngine.OPENSSL);
    }

    @Test
    void helpTeachesTheValuesAndTheVariable() {
        StringWriter out = new StringWriter();
        assertThat(execute(out, new StringWriter(), "--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " "))
                .contains("--engine=ENGINE", "openssl, jdk or auto", "default auto", EngineOption.VARIABLE);
    }

    @Test
    void anUnknownEngineIsOneUsageErrorLine() {
        StringWriter err = new StringWriter();
        assertThat(execute(new StringWriter(), err, "--engine", "gnutls")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString())
                .startsWith("tool: ")
                .contains("unknown TLS engine 'gnutls': expected openssl, jdk or auto")
                .doesNotContain("\tat ");
    }
}
