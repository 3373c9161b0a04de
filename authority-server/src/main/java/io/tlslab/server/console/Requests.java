package io.tlslab.server.console;

import com.fasterxml.jackson.core.type.TypeReference;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tlslab.protocol.text.Untrusted;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reading console requests (path, JSON body, fields, caller's address) and answering them safely. */
final class Requests {
    private static final Logger log = LoggerFactory.getLogger(Requests.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private Requests() {}

    static String path(FullHttpRequest req) {
        return new QueryStringDecoder(req.uri()).path();
    }

    /** Answers {@code req} with what {@code handling} builds; a {@link BadRequest} becomes 400, any other failure 500. */
    static void answer(ChannelHandlerContext ctx, FullHttpRequest req, Supplier<FullHttpResponse> handling) {
        FullHttpResponse resp;
        try {
            resp = handling.get();
        } catch (BadRequest e) {
            resp = HttpResponses.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        } catch (RuntimeException e) {
            // the detail (JDBC URL, data path, SQL) goes to the log only; the client gets an id to quote
            String incident = Long.toHexString(
                    java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFFFFFL);
            log.warn(
                    "console {} {} failed (incident {}): {}",
                    req.method(),
                    Untrusted.escape(req.uri(), 200),
                    incident,
                    Untrusted.escape(e.toString()),
                    e);
            resp = HttpResponses.error(
                    HttpResponseStatus.INTERNAL_SERVER_ERROR,
                    "internal error (incident " + incident + "): the server log has the details");
        }
        HttpResponses.send(ctx, req, resp);
    }

    static Map<String, Object> body(FullHttpRequest req) {
        String text = req.content().toString(StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new BadRequest("empty body: expected a JSON object");
        }
        try {
            Map<String, Object> m = ConsoleJson.MAPPER.readValue(text, MAP);
            return m == null ? new LinkedHashMap<>() : m;
        } catch (IOException e) {
            throw new BadRequest("body is not a JSON object: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    static String string(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (v == null) {
            throw new BadRequest("missing field '" + field + "'");
        }
        return String.valueOf(v);
    }

    static String address(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress
                ? ((InetSocketAddress) ctx.channel().remoteAddress())
                        .getAddress()
                        .getHostAddress()
                : String.valueOf(ctx.channel().remoteAddress());
    }

    static FullHttpResponse notAllowed() {
        return HttpResponses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed here");
    }
}
