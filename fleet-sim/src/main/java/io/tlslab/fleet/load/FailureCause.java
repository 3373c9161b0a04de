package io.tlslab.fleet.load;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/**
 * Names a failed attempt that the validator did not explain (a validation reject is named by its
 * {@link io.tlslab.protocol.validation.ReasonCode} instead). Names are upper-case like reason codes so
 * that reports can list both in one breakdown.
 */
public final class FailureCause {

    public static final String CONNECT_FAILED = "CONNECT_FAILED";
    public static final String CONNECT_TIMEOUT = "CONNECT_TIMEOUT";
    public static final String HANDSHAKE_TIMEOUT = "HANDSHAKE_TIMEOUT";
    public static final String CLOSED = "CLOSED_BEFORE_HANDSHAKE";
    public static final String CERTIFICATE_REJECTED = "CERTIFICATE_REJECTED";
    public static final String TLS_ERROR = "TLS_ERROR";
    public static final String IO_ERROR = "IO_ERROR";

    private FailureCause() {
    }

    public static String classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectTimeoutException) {
                return CONNECT_TIMEOUT;
            }
            if (t instanceof ConnectException) {
                return CONNECT_FAILED;
            }
            if (t instanceof SslHandshakeTimeoutException) {
                return HANDSHAKE_TIMEOUT;
            }
            if (t instanceof CertificateException) {
                return CERTIFICATE_REJECTED;
            }
            if (t instanceof ClosedChannelException) {
                return CLOSED;
            }
        }
        if (failure instanceof SSLException) {
            return TLS_ERROR;
        }
        return failure instanceof IOException ? IO_ERROR : failure.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
    }
}
