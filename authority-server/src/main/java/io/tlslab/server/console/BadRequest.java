package io.tlslab.server.console;

/** A request the client must fix: answered 400 with the message. */
final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
        super(message);
    }
}
