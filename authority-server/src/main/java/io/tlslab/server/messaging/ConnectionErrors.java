package io.tlslab.server.messaging;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tlslab.protocol.text.Untrusted;
import io.tlslab.server.metrics.ServerMetrics;
import io.tlslab.tls.failure.ConnectionFailure;
import io.tlslab.tls.failure.FailureKind;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last in the pipeline: whatever went wrong on a connection is logged once, in one line, and the
 * connection closed. Handshake failures are already reported by {@link HandshakeReporter}. What went wrong
 * is tls-core's {@link ConnectionFailure}, classified by exception type.
 */
@ChannelHandler.Sharable
final class ConnectionErrors extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionErrors.class);

    /** Kinds that come from the TLS layer (a rejection by tlslab's validator, kind null, is one too). */
    private static final Set<FailureKind> TLS = EnumSet.of(
            FailureKind.TLS_ERROR,
            FailureKind.CERTIFICATE_REJECTED,
            FailureKind.HANDSHAKE_TIMEOUT,
            FailureKind.NOT_TLS,
            FailureKind.PLAIN_HTTP);

    private final String listener;
    private final ServerMetrics metrics;

    public ConnectionErrors(String listener, ServerMetrics metrics) {
        this.listener = listener;
        this.metrics = metrics;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ConnectionFailure failure = ConnectionFailure.of(cause);
        FailureKind kind = failure instanceof ConnectionFailure.Transport t ? t.kind() : null;
        String detail = failure instanceof ConnectionFailure.Transport t ? t.detail() : failure.describe();
        if (kind == FailureKind.OVERSIZE_FRAME) {
            metrics.protocolError(listener, "oversize_frame");
            log.warn(
                    "listener {} peer {}: oversize frame, closing ({})",
                    listener,
                    ctx.channel().remoteAddress(),
                    Untrusted.escape(detail));
        } else if (kind == FailureKind.MALFORMED_FRAME) {
            metrics.protocolError(listener, "malformed_frame");
            log.warn(
                    "listener {} peer {}: malformed frame, closing ({})",
                    listener,
                    ctx.channel().remoteAddress(),
                    Untrusted.escape(detail));
        } else if (kind == null || TLS.contains(kind)) {
            // TLS: a failed handshake was already reported by HandshakeReporter, so only what comes after
            if (handshaken(ctx)) {
                log.info(
                        "listener {} peer {}: TLS error after the handshake, closing ({})",
                        listener,
                        ctx.channel().remoteAddress(),
                        Untrusted.escape(failure.describe()));
            }
        } else if (isIoException(cause)) {
            log.debug("listener {} peer {}: {}", listener, ctx.channel().remoteAddress(), Untrusted.escape(detail));
        } else {
            log.warn(
                    "listener {} peer {}: unexpected error, closing: {}",
                    listener,
                    ctx.channel().remoteAddress(),
                    Untrusted.escape(cause.toString()));
        }
        ctx.close();
    }

    private static boolean handshaken(ChannelHandlerContext ctx) {
        return ctx.channel().hasAttr(HandshakeReporter.NEGOTIATED)
                && ctx.channel().attr(HandshakeReporter.NEGOTIATED).get() != null;
    }

    /** tls-core names any other failure IO_ERROR; a bug (not an I/O exception) deserves a warning. */
    private static boolean isIoException(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
