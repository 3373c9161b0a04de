package io.tlslab.protocol.pem;

/** Input that should hold PEM certificates does not; the message is one line naming the source and the problem. */
public final class PemFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public PemFormatException(String message) {
        super(message);
    }
}
