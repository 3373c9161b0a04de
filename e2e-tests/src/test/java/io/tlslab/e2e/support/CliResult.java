package io.tlslab.e2e.support;

/** What a finished command printed and how it exited. */
public record CliResult(String command, int exitCode, String stdout, String stderr) {

    /** Both streams, for assertions that do not care where a line went. */
    public String output() {
        return stdout + stderr;
    }

    @Override
    public String toString() {
        return command + " -> exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
