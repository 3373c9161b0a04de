package io.tlslab.server.console;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses (403) a signed-in POST that does not echo the session's CSRF token in {@value #HEADER}:
 * the cookie alone proves only that a browser holds it, not that the console page sent the request.
 */
@ChannelHandler.Sharable
final class CsrfHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(CsrfHandler.class);
    static final String HEADER = "X-CSRF-Token";

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof SignedInRequest signed
                && signed.request().method().equals(HttpMethod.POST)
                && !tokenMatches(signed)) {
            try {
                log.warn(
                        "console: {} {} by {} refused: missing or wrong CSRF token",
                        signed.request().method(),
                        Requests.path(signed.request()),
                        signed.session().username());
                HttpResponses.send(
                        ctx,
                        signed.request(),
                        HttpResponses.error(
                                HttpResponseStatus.FORBIDDEN,
                                "missing or wrong CSRF token: send the " + HEADER
                                        + " header with the token from /api/session"));
            } finally {
                signed.request().release();
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean tokenMatches(SignedInRequest signed) {
        String sent = signed.request().headers().get(HEADER);
        String expected = signed.session().csrfToken();
        return sent != null
                && !expected.isEmpty()
                && MessageDigest.isEqual(
                        sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
