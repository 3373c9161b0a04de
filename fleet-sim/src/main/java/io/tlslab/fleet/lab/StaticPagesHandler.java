package io.tlslab.fleet.lab;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Map;

/**
 * Answers every request with one of a fixed set of pages, then closes the connection: a client that
 * accepted the certificate gets a body naming the scenario, and no request can make the lab do work.
 */
@ChannelHandler.Sharable
final class StaticPagesHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    /** Replaced once by the index, whose pages list ports known only after every listener is bound. */
    private volatile Map<String, StaticPage> byPath;

    private final StaticPage fallback;

    /**
     * @param fallback served for any path not in {@code byPath}; null answers 404
     */
    StaticPagesHandler(Map<String, StaticPage> byPath, StaticPage fallback) {
        this.byPath = Map.copyOf(byPath);
        this.fallback = fallback;
    }

    void publish(Map<String, StaticPage> pages) {
        this.byPath = Map.copyOf(pages);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        FullHttpResponse response;
        if (!request.decoderResult().isSuccess()) {
            response = plain(HttpResponseStatus.BAD_REQUEST, "bad request\n");
        } else if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            response = plain(HttpResponseStatus.METHOD_NOT_ALLOWED, "GET only\n");
        } else {
            StaticPage page = byPath.getOrDefault(new QueryStringDecoder(request.uri()).path(), fallback);
            response = page == null
                    ? plain(HttpResponseStatus.NOT_FOUND, "not found\n")
                    : response(HttpResponseStatus.OK, page, request.method().equals(HttpMethod.HEAD));
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a client refusing the certificate ends the handshake with an alert: expected, not worth a log line
        ctx.close();
    }

    private static FullHttpResponse plain(HttpResponseStatus status, String text) {
        return response(status, StaticPage.text(text), false);
    }

    private static FullHttpResponse response(HttpResponseStatus status, StaticPage page, boolean headOnly) {
        FullHttpResponse r = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, headOnly ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(page.body()));
        r.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, page.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, page.body().length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return r;
    }
}
