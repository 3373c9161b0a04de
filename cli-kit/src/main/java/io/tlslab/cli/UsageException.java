package io.tlslab.cli;

/** Bad input found after parsing (a value out of range, options that do not go together): exit 2, one line. */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
