package io.tlslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class CliKitTest {

    static final String LONG = "This description is deliberately longer than one help line so that the help layout"
            + " has to wrap it; its last words must still be printed in full: the-very-end.";

    @Command(name = "tool", mixinStandardHelpOptions = true)
    static final class Tool implements Callable<Integer> {
        @Option(names = "--wait", description = "how long")
        Duration wait;

        @Option(names = "--server", description = "where")
        HostPort server;

        @Option(names = "--a-rather-long-option-name-that-is-wide", description = LONG)
        String wide;

        @Option(names = "--fail", description = "what to throw: usage, bug")
        String fail;

        @Override
        public Integer call() {
            if ("usage".equals(fail)) {
                throw new UsageException("--fail usage: options do not go together");
            }
            if ("bug".equals(fail)) {
                throw new IllegalStateException("line one\nline two", new RuntimeException("root cause"));
            }
            return ExitCodes.OK;
        }
    }

    record Run(int code, String out, String err, Tool tool) {}

    private static Run run(String... args) {
        Tool tool = new Tool();
        CommandLine cli = CliKit.configure(new CommandLine(tool));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString(), tool);
    }

    @Test
    void sharedTypesAreConverted() {
        Run r = run("--wait", "1500ms", "--server", "[::1]:4999");
        assertThat(r.code()).isZero();
        assertThat(r.tool().wait).isEqualTo(Duration.ofMillis(1500));
        assertThat(r.tool().server).isEqualTo(new HostPort("::1", 4999));
    }

    @Test
    void aBadValueIsOneLineWithAPointerToHelpAndExitTwo() {
        Run r = run("--wait", "soon");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err())
                .startsWith("tool: ")
                .contains("'soon' is not a duration")
                .contains("(see 'tool --help')")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void usageErrorsAfterParsingExitTwoAndFailuresExitOneWithoutAStackTrace() {
        Run usage = run("--fail", "usage");
        assertThat(usage.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(usage.err()).isEqualToIgnoringNewLines("tool: --fail usage: options do not go together");

        Run bug = run("--fail", "bug");
        assertThat(bug.code()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(bug.err().lines()).containsExactly("tool: line one");
    }

    @Test
    void helpWrapsWithinTheWidthAndNeverCutsADescription() {
        Run r = run("--help");
        assertThat(r.out().lines())
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(CliKit.HELP_WIDTH));
        assertThat(r.out().replaceAll("\\s+", " ")).contains(LONG);
    }
}
