package io.tlslab.fleet.conformance;

import io.tlslab.ca.scenario.Scenario;
import io.tlslab.fleet.server.ServerKind;
import io.tlslab.protocol.json.Json;
import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.protocol.validation.ValidationProfile;
import io.tlslab.tls.TlsEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The conformance use case ({@code tlslab-fleet conformance} and the demo's table): starts the
 * listeners, runs the matrix with a live progress line on a terminal, and writes the JSON report.
 */
public final class ConformanceService {
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private final PrintWriter out;
    private final boolean live;

    /**
     * @param out  where the progress line goes
     * @param live whether to draw it (a terminal); off, nothing is printed while the matrix runs
     */
    public ConformanceService(PrintWriter out, boolean live) {
        this.out = out;
        this.live = live;
    }

    /** Which cells to run: scenarios x profiles x client modes x engines. */
    public record Matrix(
            List<Scenario> scenarios,
            List<ClientMode> modes,
            List<TlsEngine> engines,
            List<ValidationProfile> profiles) {
        public Matrix {
            scenarios = List.copyOf(scenarios);
            modes = List.copyOf(modes);
            engines = List.copyOf(engines);
            profiles = List.copyOf(profiles);
        }

        /** Every scenario, mode, engine and profile. */
        public static Matrix all() {
            return new Matrix(
                    Arrays.asList(Scenario.values()),
                    Arrays.asList(ClientMode.values()),
                    Arrays.asList(TlsEngine.values()),
                    Arrays.asList(ValidationProfile.values()));
        }

        public Matrix withScenarios(List<Scenario> chosen) {
            return new Matrix(chosen, modes, engines, profiles);
        }

        int cells() {
            return scenarios.size() * modes.size() * engines.size() * profiles.size();
        }
    }

    /** Runs {@code matrix} against listeners of {@code kind} on {@code engine}, scenarios minted for {@code host}. */
    public ConformanceReport run(ServerKind kind, TlsEngine engine, String host, Matrix matrix) throws Exception {
        try (ScenarioServer server =
                kind == ServerKind.NETTY ? new NettyScenarioServer(engine) : new AuthorityScenarioServer(engine)) {
            return run(server, host, matrix);
        }
    }

    private ConformanceReport run(ScenarioServer server, String host, Matrix matrix) throws Exception {
        int total = matrix.cells();
        AtomicInteger done = new AtomicInteger();
        ConformanceReport report = new ConformanceRunner(server, host, HANDSHAKE_TIMEOUT)
                .run(matrix.scenarios(), matrix.modes(), matrix.engines(), matrix.profiles(), cell -> {
                    int n = done.incrementAndGet();
                    if (live) {
                        out.printf(
                                "\r[%d/%d] %-33s %-7s %-12s %-8s",
                                n,
                                total,
                                cell.scenario(),
                                cell.profile().label(),
                                cell.mode().label(),
                                cell.engine());
                        out.flush();
                    }
                });
        if (live) {
            out.print("\r" + " ".repeat(80) + "\r");
        }
        return report;
    }

    /** Writes {@code report} as JSON to {@code file}, creating its directory. */
    public static void write(ConformanceReport report, Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, Json.prettyWriter().writeValueAsString(report));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
