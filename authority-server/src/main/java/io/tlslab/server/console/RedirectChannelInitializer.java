package io.tlslab.server.console;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.function.IntSupplier;

/** The optional plain-HTTP port (4280): every request is redirected to the HTTPS console, never with HSTS. */
final class RedirectChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final String host;
    private final IntSupplier httpsPort;

    RedirectChannelInitializer(String host, IntSupplier httpsPort) {
        this.host = host;
        this.httpsPort = httpsPort;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast(new ReadTimeoutHandler(30), new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                new SimpleChannelInboundHandler<FullHttpRequest>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                        String hostHeader = req.headers().get(HttpHeaderNames.HOST, host);
                        String name = hostHeader.startsWith("[") ? hostHeader.substring(0, hostHeader.indexOf(']') + 1)
                                : hostHeader.split(":")[0];
                        FullHttpResponse r = HttpResponses.redirect("https://" + name + ":" + httpsPort.getAsInt() + req.uri());
                        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
                    }
                });
    }
}
