package io.tlslab.client.endpoint;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.tlslab.protocol.wire.ProtocolException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLException;

/** One-line descriptions of why a connection failed, for log lines and outcomes (never a stack trace). */
final class ConnectionErrors {

    private ConnectionErrors() {
    }

    static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        Throwable root = cause;
        if (root instanceof DecoderException && root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof TooLongFrameException) {
            return "oversize frame: " + root.getMessage();
        }
        if (root instanceof ProtocolException) {
            return "malformed frame: " + root.getMessage();
        }
        if (root instanceof SslHandshakeTimeoutException) {
            return "TLS handshake timed out";
        }
        if (root instanceof ClosedChannelException) {
            return "connection closed by the server during the handshake";
        }
        if (root instanceof ConnectTimeoutException) {
            return "connect timed out";
        }
        if (root instanceof ConnectException) {
            String m = message(root);
            // the native transport's message carries syscall details ("finishConnect(..) failed with error(-111)")
            return m.contains("Connection refused") ? "cannot connect: connection refused" : "cannot connect: " + m;
        }
        if (root instanceof SSLException) {
            return "TLS error: " + message(innermost(root));
        }
        return root.getClass().getSimpleName() + ": " + message(root);
    }

    private static Throwable innermost(Throwable t) {
        Throwable cur = t;
        while (cur.getCause() != null && cur.getCause() != cur) {
            cur = cur.getCause();
        }
        return cur;
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.replace('\n', ' ');
    }
}
