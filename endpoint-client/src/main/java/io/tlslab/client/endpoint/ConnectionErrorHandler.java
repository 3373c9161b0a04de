package io.tlslab.client.endpoint;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.tlslab.tls.failure.ConnectionFailure;
import io.tlslab.tls.failure.FailureKind;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last handler: any error that reaches it closes the connection with one log line. Handshake
 * failures also arrive here, but they were already reported by {@link HandshakeOutcomeHandler} as
 * the attempt's outcome, so they are logged at debug only.
 */
final class ConnectionErrorHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionErrorHandler.class);

    static final String NAME = "errors";

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ConnectionFailure failure = ConnectionFailure.of(cause);
        String description = failure.describe();
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        boolean protocolViolation = failure instanceof ConnectionFailure.Transport t
                && (t.kind() == FailureKind.OVERSIZE_FRAME || t.kind() == FailureKind.MALFORMED_FRAME);
        boolean handshakePhase =
                ctx.pipeline().get(HandshakeOutcomeHandler.class) != null || root instanceof SSLException;
        if (protocolViolation) {
            log.warn(
                    "closing connection to {}: {}",
                    HandshakeOutcomeHandler.describe(ctx.channel().remoteAddress()),
                    description);
        } else if (handshakePhase) {
            log.debug("TLS error on {} (reported as the handshake outcome): {}", ctx.channel(), description);
        } else {
            log.info(
                    "closing connection to {}: {}",
                    HandshakeOutcomeHandler.describe(ctx.channel().remoteAddress()),
                    description);
        }
        ConnectionCloseReason.set(ctx.channel(), description);
        ctx.close();
    }
}
