package io.tlslab.server.console;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * First on the HTTPS console port: a client that speaks plain HTTP to it gets a short HTTP 400 that
 * says to use https, as nginx answers, instead of a TLS alert its browser shows as an empty reply.
 * A TLS ClientHello starts with the record type 0x16; an HTTP request starts with a method name in
 * capital letters. Decides on the first byte, then leaves the pipeline.
 */
final class PlainHttpRefusal extends ChannelInboundHandlerAdapter {
    private final String httpsUrl;

    /** @param httpsUrl where the console really is, from configuration (never from the request) */
    PlainHttpRefusal(String httpsUrl) {
        this.httpsUrl = httpsUrl;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf buf && buf.isReadable()) {
            byte first = buf.getByte(buf.readerIndex());
            if (first >= 'A' && first <= 'Z') {
                ReferenceCountUtil.release(msg);
                byte[] body = ("400 Bad Request: this port speaks HTTPS only; use " + httpsUrl + "\n")
                        .getBytes(StandardCharsets.US_ASCII);
                String head = "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=us-ascii\r\n"
                        + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
                ctx.writeAndFlush(Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.US_ASCII), body))
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.pipeline().remove(this);
        }
        super.channelRead(ctx, msg);
    }
}
