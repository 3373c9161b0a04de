package io.tlslab.fleet.cli;

import io.tlslab.ca.scenario.Scenario;
import io.tlslab.fleet.conformance.ConformanceReport;
import io.tlslab.fleet.conformance.ConformanceService;
import io.tlslab.fleet.conformance.ConformanceTable;
import io.tlslab.fleet.server.ServerKind;
import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.protocol.validation.ValidationProfile;
import io.tlslab.tls.TlsEngine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tlslab-fleet conformance}: the scenario x profile x client mode x engine matrix. */
@Command(
        name = "conformance",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "Mints every certificate scenario, starts a TLS listener on loopback presenting each one, and runs a real",
            "endpoint handshake for every validation profile (article, webpki), client mode (strict, non-strict,",
            "allowlisted, 5.x) and engine (JDK, OPENSSL). Endpoints get each scenario's CRLs (revoked-leaf).",
            "Prints the table, writes JSON, and exits 1 if any verdict or reason differs from the scenario's manifest.",
            "",
            "Examples:",
            "  tlslab-fleet conformance",
            "  tlslab-fleet conformance --engines JDK --modes strict --scenarios SELF_SIGNED,WRONG_HOST",
            "  tlslab-fleet conformance --profiles webpki --scenarios cn-only,public-suffix-wildcard,revoked-leaf",
            ""
        })
public final class ConformanceCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--scenarios", split = ",", description = "scenarios to run (default: all)")
    List<String> scenarios;

    @Option(
            names = "--modes",
            split = ",",
            description = "client modes: strict, non-strict, allowlisted, 5.x (default: all)")
    List<String> modes;

    @Option(names = "--engines", split = ",", description = "endpoint TLS engines: JDK, OPENSSL (default: both)")
    List<String> engines;

    @Option(names = "--profiles", split = ",", description = "validation profiles: article, webpki (default: both)")
    List<String> profiles;

    @Option(
            names = "--server-engine",
            defaultValue = "OPENSSL",
            description = "TLS engine of the listeners (default ${DEFAULT-VALUE})")
    String serverEngine;

    @Option(
            names = "--server",
            defaultValue = "authority",
            description =
                    "what presents the certificates: authority (the authority server's 4287 listener) or netty (bare TLS) (default ${DEFAULT-VALUE})")
    String serverKind;

    @Option(
            names = "--host",
            defaultValue = "localhost",
            description = "host the scenarios are minted for (default ${DEFAULT-VALUE})")
    String host;

    @Option(
            names = "--json",
            defaultValue = "fleet-reports/conformance.json",
            description = "JSON output (default ${DEFAULT-VALUE})")
    Path json;

    @Option(names = "--color", negatable = true, description = "colour mismatches (default: on a terminal)")
    Boolean colour;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ConformanceService.Matrix all = ConformanceService.Matrix.all();
        ConformanceService.Matrix matrix = new ConformanceService.Matrix(
                scenarios == null
                        ? all.scenarios()
                        : LoadCommand.parse(() -> scenarios.stream()
                                .map(ConformanceCommand::scenario)
                                .toList()),
                modes == null
                        ? all.modes()
                        : LoadCommand.parse(() ->
                                modes.stream().map(ConformanceCommand::mode).toList()),
                engines == null
                        ? all.engines()
                        : LoadCommand.parse(
                                () -> engines.stream().map(TlsEngine::parse).toList()),
                profiles == null
                        ? all.profiles()
                        : LoadCommand.parse(() ->
                                profiles.stream().map(ValidationProfile::parse).toList()));
        TlsEngine serverTls = LoadCommand.parse(() -> TlsEngine.parse(serverEngine));
        ServerKind kind = LoadCommand.parse(() -> ServerKind.parse(serverKind));
        ConformanceReport report =
                new ConformanceService(out, System.console() != null).run(kind, serverTls, host, matrix);
        boolean ansi = colour != null ? colour : System.console() != null;
        out.print(ConformanceTable.render(report, ansi));
        ConformanceService.write(report, json);
        out.println("JSON: " + json);
        return report.passed() ? 0 : 1;
    }

    /** A scenario by its name or slug ({@code EXPIRED_LEAF} or {@code expired-leaf}), as {@code tlslab-ca} takes it. */
    static Scenario scenario(String name) {
        return Scenario.parse(name);
    }

    static ClientMode mode(String name) {
        String t = name.trim();
        for (ClientMode m : ClientMode.values()) {
            if (m.label().equalsIgnoreCase(t) || m.name().equalsIgnoreCase(t.replace('-', '_'))) {
                return m;
            }
        }
        List<String> labels = new ArrayList<>();
        for (ClientMode m : ClientMode.values()) {
            labels.add(m.label());
        }
        throw new IllegalArgumentException("unknown client mode '" + name + "', expected one of " + labels);
    }
}
