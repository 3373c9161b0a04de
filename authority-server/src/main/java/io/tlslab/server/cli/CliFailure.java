package io.tlslab.server.cli;

/** A CLI failure with its exit code and one-line message. */
final class CliFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }
}
