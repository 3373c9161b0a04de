package io.tlslab.server.console;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.function.Supplier;

/** The optional plain-HTTP port (4280): every request is redirected to the HTTPS console, never with HSTS. */
final class RedirectChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final Supplier<String> consoleUrl;

    /** @param consoleUrl https://name:port of the console, the name from configuration */
    RedirectChannelInitializer(Supplier<String> consoleUrl) {
        this.consoleUrl = consoleUrl;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast(
                        new ReadTimeoutHandler(30),
                        new HttpServerCodec(),
                        new HttpObjectAggregator(64 * 1024),
                        new SimpleChannelInboundHandler<FullHttpRequest>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                                // the configured name, never the Host header: a redirect must not send an
                                // admin wherever the request said
                                String uri = req.uri();
                                String path = uri.startsWith("/") && !uri.startsWith("//") ? uri : "/console";
                                FullHttpResponse r = HttpResponses.redirect(consoleUrl.get() + path);
                                ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
                            }
                        });
    }
}
