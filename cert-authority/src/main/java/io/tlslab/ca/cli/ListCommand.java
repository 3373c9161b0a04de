package io.tlslab.ca.cli;

import io.tlslab.ca.scenario.Scenario;
import io.tlslab.protocol.validation.ClientMode;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code list}: the catalogue with expected outcomes. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        header = "List every scenario with a one-line description and the expected outcome per endpoint kind.",
        description = "strict: 6.0+ with strict validation; non-strict: 6.0+ default (audit only); "
                + "allowlisted: strict with the served leaf's SHA-1 allowlisted; 5.x: old endpoint.")
final class ListCommand implements Runnable, Examples {
    @Spec
    CommandSpec spec;

    @Override
    public List<String> examples() {
        return List.of("tlslab-ca list", "tlslab-ca list | grep REJECT");
    }

    @Override
    public void run() {
        Table t = new Table(
                "SCENARIO",
                ClientMode.STRICT.label().toUpperCase(Locale.ROOT),
                ClientMode.NON_STRICT.label().toUpperCase(Locale.ROOT),
                ClientMode.ALLOWLISTED.label().toUpperCase(Locale.ROOT),
                ClientMode.LEGACY_5X.label(),
                "DESCRIPTION");
        for (Scenario s : Scenario.values()) {
            t.row(
                    s.slug(),
                    s.expected(ClientMode.STRICT).toString(),
                    s.expected(ClientMode.NON_STRICT).toString(),
                    s.expected(ClientMode.ALLOWLISTED).toString(),
                    s.expected(ClientMode.LEGACY_5X).toString(),
                    s.description());
        }
        t.print(spec.commandLine().getOut());
        spec.commandLine().getOut().println(Scenario.values().length + " scenarios");
    }
}
