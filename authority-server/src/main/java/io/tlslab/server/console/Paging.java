package io.tlslab.server.console;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;

/** The list calls' query parameters ({@code offset}, {@code limit}, {@code filter}), bounded where they enter. */
final class Paging {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final long MAX_OFFSET = 100_000_000L;
    static final int MAX_FILTER = 200;

    private Paging() {}

    static long offset(FullHttpRequest req) {
        return number(req, "offset", 0, 0, MAX_OFFSET);
    }

    static int limit(FullHttpRequest req) {
        return (int) number(req, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    static String filter(FullHttpRequest req) {
        String f = param(req, "filter");
        if (f == null) {
            return "";
        }
        if (f.length() > MAX_FILTER) {
            throw new BadRequest("'filter' is longer than " + MAX_FILTER + " characters");
        }
        return f;
    }

    private static long number(FullHttpRequest req, String name, long fallback, long min, long max) {
        String v = param(req, name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below with the expected range
        }
        throw new BadRequest("'" + name + "' must be a whole number from " + min + " to " + max);
    }

    private static String param(FullHttpRequest req, String name) {
        List<String> values = new QueryStringDecoder(req.uri()).parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
