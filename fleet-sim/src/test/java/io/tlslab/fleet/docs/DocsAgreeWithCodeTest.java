package io.tlslab.fleet.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.ca.cli.CaCli;
import io.tlslab.client.cli.ClientCli;
import io.tlslab.fleet.cli.FleetCli;
import io.tlslab.protocol.validation.ReasonCode;
import io.tlslab.server.cli.ServerCli;
import io.tlslab.tls.failure.FailureKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docs/behaviour.md is the project's reference: its reason-code table and command list must say what
 * the code says. Reads the enums and the four picocli command trees, and the markdown tables.
 */
class DocsAgreeWithCodeTest {

    private static final Path BEHAVIOUR = Path.of("..", "docs", "behaviour.md");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`[^|]*\\|\\s*(.*?)\\s*\\|\\s*$");

    @Test
    void theReasonCodeTableListsEveryCodeInPrecedenceOrderWithItsMeaning() throws Exception {
        Map<String, String> documented = table("## Checks and reason codes");
        Map<String, String> code = new LinkedHashMap<>();
        for (ReasonCode r : ReasonCode.values()) {
            code.put(r.name(), r.description());
        }
        assertThat(documented).containsExactlyEntriesOf(code);
    }

    @Test
    void theFailureKindTableListsEveryKind() throws Exception {
        Map<String, String> documented = table("## Connection failures that are not a verdict");
        Map<String, String> code = new LinkedHashMap<>();
        for (FailureKind k : FailureKind.values()) {
            code.put(k.name(), k.description());
        }
        assertThat(documented).containsExactlyEntriesOf(code);
    }

    @Test
    void theCommandListNamesEveryCommandOfTheFourToolsAndNoOther() throws Exception {
        TreeSet<String> code = new TreeSet<>();
        for (CommandLine root : List.of(
                new CommandLine(new CaCli()),
                ClientCli.newCommandLine(),
                new CommandLine(new ServerCli()),
                FleetCli.newCommandLine())) {
            collect(root, code);
        }
        assertThat(new TreeSet<>(table("## Commands").keySet())).isEqualTo(code);
    }

    private static void collect(CommandLine cmd, TreeSet<String> into) {
        for (CommandLine sub : cmd.getSubcommands().values()) {
            if (sub.getCommand() instanceof CommandLine.HelpCommand) {
                continue;
            }
            into.add(sub.getCommandSpec().qualifiedName(" "));
            collect(sub, into);
        }
    }

    /** The rows of the first table after {@code heading}: first cell (in backticks) to second cell. */
    static Map<String, String> table(String heading) throws Exception {
        List<String> lines = Files.readAllLines(BEHAVIOUR);
        int start = lines.indexOf(heading);
        assertThat(start).as("heading '%s' in %s", heading, BEHAVIOUR).isNotNegative();
        Map<String, String> rows = new LinkedHashMap<>();
        List<String> section = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            section.add(lines.get(i));
        }
        for (String line : section) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.put(m.group(1), m.group(2));
            }
        }
        return rows;
    }
}
