package io.tlslab.protocol.wire;

/** A frame that cannot be decoded: the connection must be logged and closed, never answered. */
public class ProtocolException extends Exception {
    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
