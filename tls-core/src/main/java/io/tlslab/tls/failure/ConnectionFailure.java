package io.tlslab.tls.failure;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.tlslab.protocol.validation.ReasonCode;
import io.tlslab.protocol.wire.ProtocolException;
import io.tlslab.tls.validation.ValidationFailedException;
import io.tlslab.tls.validation.Verdict;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateException;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * Why a connection failed, in one typed vocabulary for client, server and fleet: either tlslab's own
 * validator rejected the peer's certificate ({@link Rejected}, carrying the {@link Verdict} and so the
 * {@link ReasonCode}), or the connection failed for another reason ({@link Transport}, a
 * {@link FailureKind}). Classification looks at exception types only, never at message text.
 */
public sealed interface ConnectionFailure {

    /** Stable upper-case name for reports and JSON: the reason code of a rejection, else the kind. */
    String code();

    /** One human line (no stack trace, no internal path). */
    String describe();

    /** tlslab's validator refused the peer's certificate. */
    record Rejected(Verdict verdict) implements ConnectionFailure {
        public Rejected {
            Objects.requireNonNull(verdict, "verdict");
            if (verdict.accepted()) {
                throw new IllegalArgumentException("an accepted verdict is not a failure");
            }
        }

        /** The primary reason of the rejection. */
        public ReasonCode reason() {
            return verdict.outcome().reason().orElseThrow();
        }

        @Override
        public String code() {
            return reason().name();
        }

        @Override
        public String describe() {
            return "certificate rejected: " + reason().name() + " (" + reason().description() + ")";
        }
    }

    /** The connection failed before or beside certificate validation. */
    record Transport(FailureKind kind, String detail) implements ConnectionFailure {
        public Transport {
            Objects.requireNonNull(kind, "kind");
            detail = detail == null ? "" : detail;
        }

        public static Transport of(FailureKind kind) {
            return new Transport(kind, "");
        }

        @Override
        public String code() {
            return kind.name();
        }

        @Override
        public String describe() {
            return detail.isEmpty() ? kind.description() : kind.description() + ": " + detail;
        }
    }

    /** Classifies a failure by the types in its cause chain (the first one that names a kind wins). */
    static ConnectionFailure of(Throwable failure) {
        if (failure == null) {
            return Transport.of(FailureKind.IO_ERROR);
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            ConnectionFailure known = known(t);
            if (known != null) {
                return known;
            }
        }
        if (failure instanceof SSLException) {
            return new Transport(FailureKind.TLS_ERROR, oneLine(innermost(failure)));
        }
        return new Transport(FailureKind.IO_ERROR, oneLine(failure));
    }

    private static ConnectionFailure known(Throwable t) {
        if (t instanceof ValidationFailedException v) {
            return new Rejected(v.verdict());
        }
        if (t instanceof ConnectTimeoutException) {
            return Transport.of(FailureKind.CONNECT_TIMEOUT);
        }
        if (t instanceof ConnectException) {
            // the native transport's message carries syscall details: the type says enough
            return new Transport(FailureKind.UNREACHABLE, "connection refused");
        }
        if (t instanceof NoRouteToHostException) {
            return new Transport(FailureKind.UNREACHABLE, "no route to host");
        }
        if (t instanceof UnknownHostException) {
            return new Transport(FailureKind.UNREACHABLE, "unknown host " + oneLine(t));
        }
        if (t instanceof SslHandshakeTimeoutException) {
            return Transport.of(FailureKind.HANDSHAKE_TIMEOUT);
        }
        if (t instanceof NotSslRecordException) {
            return Transport.of(FailureKind.NOT_TLS);
        }
        if (t instanceof TooLongFrameException) {
            return new Transport(FailureKind.OVERSIZE_FRAME, oneLine(t));
        }
        if (t instanceof ProtocolException) {
            return new Transport(FailureKind.MALFORMED_FRAME, oneLine(t));
        }
        if (t instanceof CertificateException) {
            return new Transport(FailureKind.CERTIFICATE_REJECTED, oneLine(t));
        }
        if (t instanceof ClosedChannelException) {
            return Transport.of(FailureKind.CLOSED_DURING_HANDSHAKE);
        }
        return null;
    }

    private static Throwable innermost(Throwable t) {
        Throwable cur = t;
        while (cur.getCause() != null && cur.getCause() != cur) {
            cur = cur.getCause();
        }
        return cur;
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        String line = m.replace('\n', ' ').replace('\r', ' ');
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
