package io.tlslab.fleet.lab.probe;

import io.tlslab.fleet.conformance.ConformanceTable;
import io.tlslab.fleet.conformance.ConformanceTable.GridCell;
import io.tlslab.fleet.conformance.ConformanceTable.Tone;
import io.tlslab.fleet.lab.LabManifest;
import io.tlslab.fleet.lab.LabScenario;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Scores an outside TLS client on a running lab: its command is run once per scenario (placeholders
 * filled in), exit code 0 (or the accept regex) counts as "accepted", and each answer is compared with
 * what the profile expects. Runs a bounded number of clients side by side, each bounded in time and output.
 */
public final class ProbeRunner {

    /**
     * @param timeout        per client run; a client still running then is killed and has no answer
     * @param parallel       client runs at the same time (1..16)
     * @param acceptRegex    when set, "accepted" means the output matches it (found anywhere), whatever the exit code
     * @param rejectRegex    when set, a run that did not accept counts as a refusal only if its output matches it
     *                       (e.g. the TLS error's name); otherwise it has no answer (UNCLEAR)
     * @param maxOutputBytes output kept per run
     * @param profile        expectation column to score against ({@code article})
     * @param clientLabel    name of the client in tables and reports; null = the command's program
     */
    public record Options(
            Duration timeout,
            int parallel,
            Pattern acceptRegex,
            Pattern rejectRegex,
            int maxOutputBytes,
            String profile,
            String clientLabel) {
        public Options {
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("timeout must be above 0 and at most 5 minutes, got " + timeout);
            }
            if (parallel < 1 || parallel > 16) {
                throw new IllegalArgumentException("parallel must be 1..16, got " + parallel);
            }
        }

        public static Options defaults() {
            return new Options(Duration.ofSeconds(15), 2, null, null, 16 * 1024, "article", null);
        }

        public Options withParallel(int n) {
            return new Options(timeout, n, acceptRegex, rejectRegex, maxOutputBytes, profile, clientLabel);
        }

        public Options withTimeout(Duration d) {
            return new Options(d, parallel, acceptRegex, rejectRegex, maxOutputBytes, profile, clientLabel);
        }

        public Options withAcceptRegex(Pattern p) {
            return new Options(timeout, parallel, p, rejectRegex, maxOutputBytes, profile, clientLabel);
        }

        public Options withRejectRegex(Pattern p) {
            return new Options(timeout, parallel, acceptRegex, p, maxOutputBytes, profile, clientLabel);
        }

        public Options withClientLabel(String label) {
            return new Options(timeout, parallel, acceptRegex, rejectRegex, maxOutputBytes, profile, label);
        }
    }

    private ProbeRunner() {}

    /**
     * @param command   the client command, one argument per element, with {@code {url}}-style placeholders
     * @param progress  told about each finished scenario
     * @throws IllegalArgumentException for a command without a scenario placeholder, an unknown placeholder
     *                                  or a profile the lab has no expectations for
     */
    public static ProbeReport run(
            LabManifest lab, Path labDirectory, List<String> command, Options options, Consumer<ProbeCell> progress)
            throws InterruptedException {
        ClientCommand client = new ClientCommand(command);
        for (LabScenario s : lab.scenarios()) {
            if (s.expectedFor(options.profile()) == null) {
                throw new IllegalArgumentException("the lab has no expectations for profile '" + options.profile()
                        + "'; it has " + s.profiles().keySet());
            }
        }
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(options.parallel(), r -> {
            Thread t = new Thread(r, "probe-client");
            t.setDaemon(true);
            return t;
        });
        List<ProbeCell> cells = new ArrayList<>();
        try {
            List<Future<ProbeCell>> futures = new ArrayList<>();
            for (LabScenario s : lab.scenarios()) {
                futures.add(pool.submit(() -> probe(lab, labDirectory, client, s, options)));
            }
            for (Future<ProbeCell> f : futures) {
                ProbeCell cell = get(f);
                cells.add(cell);
                progress.accept(cell);
            }
        } finally {
            pool.shutdownNow();
        }
        String label = options.clientLabel() != null ? options.clientLabel() : client.program();
        return new ProbeReport(
                started.toString(),
                label,
                client.template(),
                lab.host(),
                options.profile(),
                (System.nanoTime() - t0) / 1e9,
                ProbeReport.Counts.of(cells),
                EffectiveProfile.traits(cells),
                cells);
    }

    private static ProbeCell get(Future<ProbeCell> f) throws InterruptedException {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("probe failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static ProbeCell probe(LabManifest lab, Path dir, ClientCommand client, LabScenario s, Options o)
            throws InterruptedException {
        ClientRun.Result r = ClientRun.run(client.expand(lab, s, dir), dir, o.timeout(), o.maxOutputBytes());
        ProbeCell.Answer answer;
        if (r.startError() != null) {
            answer = ProbeCell.Answer.NOT_STARTED;
        } else if (r.timedOut()) {
            answer = ProbeCell.Answer.TIMED_OUT;
        } else if (o.acceptRegex() != null) {
            answer = o.acceptRegex().matcher(r.output()).find() ? ProbeCell.Answer.ACCEPTED : ProbeCell.Answer.REJECTED;
        } else {
            answer = r.exitCode() == 0 ? ProbeCell.Answer.ACCEPTED : ProbeCell.Answer.REJECTED;
        }
        if (answer == ProbeCell.Answer.REJECTED
                && o.rejectRegex() != null
                && !o.rejectRegex().matcher(r.output()).find()) {
            answer = ProbeCell.Answer.UNCLEAR;
        }
        String expected = s.expectedFor(o.profile());
        return new ProbeCell(
                s.name(),
                s.slug(),
                s.dialHost(),
                s.port(),
                expected,
                answer,
                ProbeCell.score(expected.equals("ACCEPT"), answer),
                r.exitCode(),
                r.millis(),
                r.startError() != null ? r.startError() : r.output());
    }

    /** The text table: expected, the client's answer, and the verdict, one row per scenario; then the counts and traits. */
    public static String table(ProbeReport report, boolean colour) {
        List<GridCell> grid = new ArrayList<>();
        String expectedColumn = "expected (" + report.profile() + ")";
        for (ProbeCell c : report.cells()) {
            grid.add(new GridCell(c.slug(), expectedColumn, c.expected(), Tone.PLAIN));
            String answer = switch (c.answer()) {
                case ACCEPTED -> "ACCEPT";
                case REJECTED -> "REJECT" + (c.exitCode() == null ? "" : " (exit " + c.exitCode() + ")");
                case TIMED_OUT -> "TIMEOUT";
                case UNCLEAR -> "UNCLEAR (exit " + c.exitCode() + ")";
                case NOT_STARTED -> "NOT STARTED";
            };
            Tone tone = c.verdict() == ProbeCell.Verdict.FALSE_ACCEPT
                    ? Tone.BAD
                    : c.verdict() == ProbeCell.Verdict.AGREES && c.answer() == ProbeCell.Answer.ACCEPTED
                            ? Tone.GOOD
                            : Tone.PLAIN;
            grid.add(new GridCell(c.slug(), report.client(), answer, tone));
            grid.add(new GridCell(
                    c.slug(),
                    "verdict",
                    switch (c.verdict()) {
                        case AGREES -> "ok";
                        case FALSE_ACCEPT -> "FALSE ACCEPT";
                        case FALSE_REJECT -> "false reject";
                        case NO_ANSWER -> "no answer";
                    },
                    c.verdict() == ProbeCell.Verdict.FALSE_ACCEPT ? Tone.BAD : Tone.PLAIN));
        }
        StringBuilder t = new StringBuilder(ConformanceTable.grid(grid, colour));
        ProbeReport.Counts n = report.counts();
        t.append(String.format(
                Locale.ROOT,
                "%s: %d scenarios, %d agree, %d false accepts, %d false rejects, %d no answer" + " (%s), %.1f s%n",
                report.client(),
                n.scenarios(),
                n.agrees(),
                n.falseAccepts(),
                n.falseRejects(),
                n.noAnswer(),
                report.passed() ? "PASS" : "FAIL",
                report.seconds()));
        t.append("effective profile:").append('\n');
        for (String trait : report.traits()) {
            t.append("  - ").append(trait).append('\n');
        }
        return t.toString();
    }
}
