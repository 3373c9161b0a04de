package io.tlslab.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.ca.cli.CaCli;
import io.tlslab.cli.EnvironmentDefaults;
import io.tlslab.client.cli.ClientCli;
import io.tlslab.server.cli.ServerCli;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every option of the four tools that defaults from a variable says so in its --help. */
class EnvironmentDefaultsInHelpTest {

    @Test
    void everyOptionReadFromTheEnvironmentNamesItsVariableInItsDescription() {
        Set<String> variables = new TreeSet<>();
        for (CommandLine tool : List.of(
                new CommandLine(new CaCli()),
                ClientCli.newCommandLine(),
                new CommandLine(new ServerCli()),
                FleetCli.newCommandLine())) {
            for (CommandLine command : tree(tool)) {
                for (OptionSpec option : command.getCommandSpec().options()) {
                    String variable = EnvironmentDefaults.variableOf(option);
                    if (variable != null) {
                        variables.add(variable);
                        assertThat(String.join(" ", option.description()))
                                .as(command.getCommandSpec().qualifiedName() + " " + option.longestName())
                                .contains(variable);
                    }
                }
            }
        }
        assertThat(variables)
                .contains("TLSLAB_ENGINE", "TLSLAB_SERVER_NAME", "TLSLAB_FLEET_SHARE", "TLSLAB_ADMIN_PASSWORD");
    }

    private static List<CommandLine> tree(CommandLine root) {
        List<CommandLine> all = new ArrayList<>(List.of(root));
        for (CommandLine sub : root.getSubcommands().values()) {
            all.addAll(tree(sub));
        }
        return all;
    }
}
