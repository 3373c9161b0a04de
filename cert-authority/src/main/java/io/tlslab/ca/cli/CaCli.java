package io.tlslab.ca.cli;

import io.tlslab.ca.scenario.Scenario;
import io.tlslab.cli.CliKit;
import io.tlslab.cli.Converters;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * {@code tlslab-ca}: the throwaway certificate authority's command line. Exit codes and the error
 * format are cli-kit's: 0 success, 2 bad input (one line on stderr, never a stack trace), 1 a failure.
 */
@Command(
        name = "tlslab-ca",
        mixinStandardHelpOptions = true,
        versionProvider = CaCli.Version.class,
        header = "Throwaway certificate authority: mints every TLS certificate scenario of the tlslab catalogue.",
        subcommands = {
            MintCommand.class,
            ListCommand.class,
            InspectCommand.class,
            InitCommand.class,
            CommandLine.HelpCommand.class
        },
        description = "Certificates are minted at run time, never committed, backdated a day against clock skew.")
public final class CaCli implements Runnable, Examples {

    @CommandLine.Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Override
    public List<String> examples() {
        return List.of(
                "tlslab-ca mint --all --host localhost --out demo-data/certs --force",
                "tlslab-ca mint --scenario expired-leaf --host server.test --out /tmp/certs",
                "tlslab-ca list",
                "tlslab-ca inspect demo-data/certs/untrusted-root/chain.pem",
                "tlslab-ca init --out my-ca && tlslab-ca mint --all --ca my-ca --out my-certs");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(out, err, args));
    }

    /** Runs one command line with the given streams; returns the exit code. Used by tests in-process. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = CliKit.configure(new CommandLine(new CaCli()));
        cmd.registerConverter(Scenario.class, Converters.of(Scenario::parse));
        cmd.setOut(out);
        cmd.setErr(err);
        addExamplesSections(cmd);
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Puts an "Examples:" section right after the header of every command that has examples. */
    private static void addExamplesSections(CommandLine cmd) {
        Object user = cmd.getCommand();
        if (user instanceof Examples ex) {
            UsageMessageSpec usage = cmd.getCommandSpec().usageMessage();
            List<String> keys = new ArrayList<>(usage.sectionKeys());
            keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_HEADER) + 1, "examples");
            usage.sectionKeys(keys);
            usage.sectionMap().put("examples", help -> {
                StringBuilder sb = new StringBuilder("%nExamples:%n");
                ex.examples().forEach(e -> sb.append("  ").append(e).append("%n"));
                return String.format(sb.toString());
            });
        }
        cmd.getSubcommands().values().forEach(CaCli::addExamplesSections);
    }

    /** Version from the jar manifest when packaged, else "dev". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = CaCli.class.getPackage().getImplementationVersion();
            return new String[] {"tlslab-ca " + (v == null ? "dev" : v)};
        }
    }
}
