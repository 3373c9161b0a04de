package io.tlslab.fleet.lab.probe;

/**
 * What one outside client did with one scenario, against what it must do.
 *
 * @param expected {@code ACCEPT} or {@code REJECT:<REASON>} for the chosen profile
 * @param exitCode the client's exit code; null when it timed out or could not start
 * @param millis   wall time of the client run
 * @param output   the client's stdout and stderr, interleaved, cut at the capture limit
 */
public record ProbeCell(
        String scenario,
        String slug,
        String dialHost,
        int port,
        String expected,
        Answer answer,
        Verdict verdict,
        Integer exitCode,
        long millis,
        String output) {

    /** What the client did. */
    public enum Answer {
        /** exit code 0 (or the accept regex matched its output) */
        ACCEPTED,
        /** any other exit code (or the regex did not match) */
        REJECTED,
        /** still running at the timeout: killed, no answer */
        TIMED_OUT,
        /** failed without the reject regex in its output (e.g. its own timeout): not a certificate decision */
        UNCLEAR,
        /** the command could not be started */
        NOT_STARTED
    }

    /** The answer scored against the expectation. */
    public enum Verdict {
        AGREES,
        /** accepted a certificate it must refuse: the finding that fails the run */
        FALSE_ACCEPT,
        /** refused a certificate the profile accepts: stricter than the profile (or broken) */
        FALSE_REJECT,
        NO_ANSWER
    }

    static Verdict score(boolean expectAccept, Answer answer) {
        return switch (answer) {
            case ACCEPTED -> expectAccept ? Verdict.AGREES : Verdict.FALSE_ACCEPT;
            case REJECTED -> expectAccept ? Verdict.FALSE_REJECT : Verdict.AGREES;
            case TIMED_OUT, UNCLEAR, NOT_STARTED -> Verdict.NO_ANSWER;
        };
    }
}
