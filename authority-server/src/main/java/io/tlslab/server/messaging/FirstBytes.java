package io.tlslab.server.messaging;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.tlslab.tls.failure.ConnectionFailure;
import io.tlslab.tls.failure.FailureKind;
import java.nio.charset.StandardCharsets;

/**
 * Keeps a copy of the first bytes a peer sends, so a failed handshake can say what arrived instead
 * of TLS ("GET / HTTP/1.1", garbage): the OpenSSL engine's error does not carry them. Reads without
 * consuming, then leaves the pipeline.
 */
final class FirstBytes extends ChannelInboundHandlerAdapter {
    public static final AttributeKey<byte[]> KEY = AttributeKey.valueOf("tlslab.firstBytes");
    private static final int KEEP = 64;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf) {
            ByteBuf buf = (ByteBuf) msg;
            byte[] first = new byte[Math.min(KEEP, buf.readableBytes())];
            buf.getBytes(buf.readerIndex(), first);
            ctx.channel().attr(KEY).set(first);
            ctx.pipeline().remove(this);
        }
        super.channelRead(ctx, msg);
    }

    private static final String[] HTTP_METHODS = {
        "GET ", "POST ", "PUT ", "HEAD ", "DELETE ", "OPTIONS ", "PATCH ", "CONNECT ", "TRACE "
    };

    /**
     * A failure tls-core classified as {@link FailureKind#NOT_TLS}, named by what arrived: {@link
     * FailureKind#PLAIN_HTTP} when it starts an HTTP request, with the first line as the detail. Any other
     * failure, or no bytes kept, is returned as is.
     */
    static ConnectionFailure refine(ConnectionFailure failure, byte[] first) {
        if (first == null
                || first.length == 0
                || !(failure instanceof ConnectionFailure.Transport t)
                || t.kind() != FailureKind.NOT_TLS) {
            return failure;
        }
        return new ConnectionFailure.Transport(
                isPlainHttp(first) ? FailureKind.PLAIN_HTTP : FailureKind.NOT_TLS, firstLine(first));
    }

    /** True if the bytes start an HTTP/1.x request line (someone pointed a browser or curl at a TLS port). */
    static boolean isPlainHttp(byte[] first) {
        String head = new String(first, 0, Math.min(first.length, 8), StandardCharsets.ISO_8859_1);
        for (String method : HTTP_METHODS) {
            if (head.startsWith(method)) {
                return true;
            }
        }
        return false;
    }

    /** The first line of what arrived, non-printable bytes as dots, for a one-line log detail. */
    static String firstLine(byte[] first) {
        StringBuilder sb = new StringBuilder(first.length);
        for (byte b : first) {
            char ch = (char) (b & 0xFF);
            if (ch == '\r' || ch == '\n') {
                break;
            }
            sb.append(ch >= 0x20 && ch < 0x7F ? ch : '.');
        }
        return sb.toString();
    }
}
