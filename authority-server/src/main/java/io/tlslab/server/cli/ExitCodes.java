package io.tlslab.server.cli;

/** The CLI's exit codes, as documented in {@code --help}. */
final class ExitCodes {
    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
