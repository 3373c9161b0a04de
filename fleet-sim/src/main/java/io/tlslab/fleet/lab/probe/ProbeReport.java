package io.tlslab.fleet.lab.probe;

import java.util.List;

/**
 * An outside client scored on the scenario catalogue, as written to JSON.
 *
 * @param client  a label for the client (e.g. {@code curl 8.14.1}); the command's program by default
 * @param command the command template as given, placeholders unexpanded
 * @param profile the expectation column the client is scored against ({@code article})
 * @param traits  the client's effective profile guessed from its disagreements, one phrase each
 */
public record ProbeReport(
        String startedAt,
        String client,
        List<String> command,
        String host,
        String profile,
        double seconds,
        Counts counts,
        List<String> traits,
        List<ProbeCell> cells) {

    public ProbeReport {
        command = List.copyOf(command);
        traits = List.copyOf(traits);
        cells = List.copyOf(cells);
    }

    public record Counts(int scenarios, int agrees, int falseAccepts, int falseRejects, int noAnswer) {
        static Counts of(List<ProbeCell> cells) {
            int[] n = new int[ProbeCell.Verdict.values().length];
            cells.forEach(c -> n[c.verdict().ordinal()]++);
            return new Counts(
                    cells.size(),
                    n[ProbeCell.Verdict.AGREES.ordinal()],
                    n[ProbeCell.Verdict.FALSE_ACCEPT.ordinal()],
                    n[ProbeCell.Verdict.FALSE_REJECT.ordinal()],
                    n[ProbeCell.Verdict.NO_ANSWER.ordinal()]);
        }
    }

    /**
     * No false accept and an answer for every scenario (a client that hung proves nothing): probe-client
     * exits 0 exactly then. False rejects are reported but pass: the client is stricter than the profile.
     */
    public boolean passed() {
        return counts.falseAccepts() == 0 && counts.noAnswer() == 0 && counts.scenarios() > 0;
    }
}
