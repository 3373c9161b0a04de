package io.tlslab.server.cli;

import io.tlslab.cli.ExitCodes;

/** A CLI failure with its exit code and one-line message. */
final class CliFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final int exitCode;
    /** The console could not be reached at all: worth another try for a request that is safe to repeat. */
    final boolean transientFailure;

    CliFailure(int exitCode, String message) {
        this(exitCode, message, false);
    }

    private CliFailure(int exitCode, String message, boolean transientFailure) {
        super(message);
        this.exitCode = exitCode;
        this.transientFailure = transientFailure;
    }

    /** A connection-level failure (refused, reset): exit code 2, retryable for safe requests. */
    static CliFailure transientFailure(String message) {
        return new CliFailure(ExitCodes.USAGE, message, true);
    }
}
