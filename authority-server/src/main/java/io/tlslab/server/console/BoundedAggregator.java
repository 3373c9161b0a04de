package io.tlslab.server.console;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Netty's aggregator with a reason on its 413: Netty answers an oversized request with an empty body,
 * which left the CLI printing {@code error: } and nothing else.
 */
final class BoundedAggregator extends HttpObjectAggregator {
    /** How long an oversized request's sender gets to finish before the connection closes regardless. */
    static final long LINGER_MILLIS = 2_000;

    private final int maxBytes;
    private final long hstsMaxAge;

    BoundedAggregator(int maxBytes, long hstsMaxAge) {
        super(maxBytes);
        this.maxBytes = maxBytes;
        this.hstsMaxAge = hstsMaxAge;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        FullHttpResponse r = HttpResponses.error(
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "request body too large: the console accepts at most " + maxBytes + " bytes (a keystore file of about "
                        + (maxBytes / 4 * 3 / (1024 * 1024)) + " MiB once base64-encoded)");
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        r.headers().set("Strict-Transport-Security", "max-age=" + hstsMaxAge);
        // the client is most likely still sending the body: read and drop it for a while before closing
        ctx.writeAndFlush(r).addListener(f -> {
            if (f.isSuccess()) {
                LingeringClose.start(ctx, 4L * maxBytes, LINGER_MILLIS);
            } else {
                ctx.close();
            }
        });
    }
}
