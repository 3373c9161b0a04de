package io.tlslab.ca.cli;

/** Bad input the user can fix: reported as one line, exit code 2. */
final class UsageError extends RuntimeException {
    UsageError(String message) {
        super(message);
    }
}
