package io.tlslab.server.messaging;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.tlslab.protocol.text.Untrusted;
import io.tlslab.protocol.wire.ProtocolException;
import io.tlslab.server.metrics.ServerMetrics;
import java.io.IOException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last in the pipeline: whatever went wrong on a connection is logged once, in one line, and the
 * connection closed. Handshake failures are already reported by {@link HandshakeReporter}.
 */
@ChannelHandler.Sharable
public final class ConnectionErrors extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionErrors.class);

    private final String listener;
    private final ServerMetrics metrics;

    public ConnectionErrors(String listener, ServerMetrics metrics) {
        this.listener = listener;
        this.metrics = metrics;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        boolean handshaken = ctx.channel().hasAttr(HandshakeReporter.NEGOTIATED)
                && ctx.channel().attr(HandshakeReporter.NEGOTIATED).get() != null;
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof TooLongFrameException) {
            metrics.protocolError(listener, "oversize_frame");
            log.warn(
                    "listener {} peer {}: oversize frame, closing ({})",
                    listener,
                    ctx.channel().remoteAddress(),
                    Untrusted.escape(root.getMessage()));
        } else if (root instanceof ProtocolException) {
            metrics.protocolError(listener, "malformed_frame");
            log.warn(
                    "listener {} peer {}: malformed frame, closing ({})",
                    listener,
                    ctx.channel().remoteAddress(),
                    Untrusted.escape(root.getMessage()));
        } else if (root instanceof SSLException || cause instanceof SSLException) {
            if (handshaken) {
                log.info(
                        "listener {} peer {}: TLS error after the handshake, closing ({})",
                        listener,
                        ctx.channel().remoteAddress(),
                        Untrusted.escape(root.getMessage()));
            }
        } else if (root instanceof IOException) {
            log.debug(
                    "listener {} peer {}: {}",
                    listener,
                    ctx.channel().remoteAddress(),
                    Untrusted.escape(root.getMessage()));
        } else {
            log.warn(
                    "listener {} peer {}: unexpected error, closing: {}",
                    listener,
                    ctx.channel().remoteAddress(),
                    Untrusted.escape(root.toString()));
        }
        ctx.close();
    }
}
