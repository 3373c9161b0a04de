package io.tlslab.server.console;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Adds HSTS and the hardening headers to every console response on its way out, whichever handler
 * wrote it (a refused sign-in as much as a page), so no answer can leave without them.
 */
@ChannelHandler.Sharable
final class SecurityHeadersHandler extends ChannelOutboundHandlerAdapter {
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

    private final long hstsMaxAge;

    SecurityHeadersHandler(long hstsMaxAge) {
        this.hstsMaxAge = hstsMaxAge;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse r) {
            HttpHeaders h = r.headers();
            h.set("Strict-Transport-Security", "max-age=" + hstsMaxAge);
            h.set("X-Content-Type-Options", "nosniff");
            h.set("X-Frame-Options", "DENY");
            h.set("Referrer-Policy", "no-referrer");
            h.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            h.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        }
        ctx.write(msg, promise);
    }
}
