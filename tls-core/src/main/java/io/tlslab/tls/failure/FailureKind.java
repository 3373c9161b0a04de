package io.tlslab.tls.failure;

/**
 * A connection failure that is not tlslab's certificate verdict. Upper-case like
 * {@link io.tlslab.protocol.validation.ReasonCode} so that reports list both in one breakdown.
 */
public enum FailureKind {
    /** Nothing accepted the connection (refused, no route, unknown host): e.g. the server is restarting. */
    UNREACHABLE("cannot connect"),
    CONNECT_TIMEOUT("connect timed out"),
    HANDSHAKE_TIMEOUT("TLS handshake timed out"),
    /** The peer hung up before the handshake finished (it may have refused us). */
    CLOSED_DURING_HANDSHAKE("connection closed by the peer during the handshake"),
    /** A trust manager other than tlslab's validator refused the peer's certificate. */
    CERTIFICATE_REJECTED("certificate rejected by the trust manager"),
    NOT_TLS("bytes that are not a TLS record"),
    /** What a TLS listener names {@link #NOT_TLS} bytes that start an HTTP request (a browser or curl on the port). */
    PLAIN_HTTP("plain HTTP request on a TLS port"),
    OVERSIZE_FRAME("oversize frame"),
    MALFORMED_FRAME("malformed frame"),
    TLS_ERROR("TLS error"),
    IO_ERROR("I/O error");

    private final String description;

    FailureKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
