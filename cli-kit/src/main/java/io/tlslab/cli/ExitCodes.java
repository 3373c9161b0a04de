package io.tlslab.cli;

/** The exit codes every tlslab command line uses. */
public final class ExitCodes {
    /** Done; accepted; every check matched. */
    public static final int OK = 0;
    /** The command ran and the answer is no: rejected, refused, a mismatch, every attempt failed. */
    public static final int NEGATIVE = 1;
    /** Bad input or nothing to talk to: a usage error, an unreadable file, no connection. */
    public static final int USAGE = 2;

    private ExitCodes() {}
}
