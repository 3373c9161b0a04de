package io.tlslab.server.console;

import com.fasterxml.jackson.core.type.TypeReference;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.tlslab.server.cert.CertificateImportException;
import io.tlslab.server.cert.ListenerPurpose;
import io.tlslab.server.command.Actor;
import io.tlslab.server.command.CommandResult;
import io.tlslab.server.console.auth.LoginThrottle;
import io.tlslab.server.console.auth.Sessions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console over HTTPS: the {@code /console} page, its JSON API and {@code /metrics}. Every API
 * call but sign-in needs a session cookie; every POST but sign-in must echo the session's CSRF
 * token. Every response carries HSTS and the usual hardening headers. Runs on its own executor
 * (the password hash is deliberately slow; it must not stall an I/O thread).
 */
final class ConsoleHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(ConsoleHandler.class);
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final ConsoleBackend backend;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final long hstsMaxAge;

    ConsoleHandler(ConsoleBackend backend, Sessions sessions, LoginThrottle throttle, long hstsMaxAge) {
        this.backend = backend;
        this.sessions = sessions;
        this.throttle = throttle;
        this.hstsMaxAge = hstsMaxAge;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        FullHttpResponse resp;
        try {
            resp = route(ctx, req);
        } catch (BadRequest e) {
            resp = HttpResponses.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("console {} {} failed: {}", req.method(), req.uri(), e.toString());
            resp = HttpResponses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + e.getMessage());
        }
        secure(resp);
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        HttpUtil.setKeepAlive(resp, keepAlive);
        var f = ctx.writeAndFlush(resp);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void secure(FullHttpResponse r) {
        r.headers().set("Strict-Transport-Security", "max-age=" + hstsMaxAge);
        r.headers().set("X-Content-Type-Options", "nosniff");
        r.headers().set("X-Frame-Options", "DENY");
        r.headers().set("Referrer-Policy", "no-referrer");
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        r.headers().set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
    }

    private FullHttpResponse route(ChannelHandlerContext ctx, FullHttpRequest req) {
        String path = new QueryStringDecoder(req.uri()).path();
        HttpMethod m = req.method();
        if (path.equals("/") && m.equals(HttpMethod.GET)) {
            return HttpResponses.redirect("/console");
        }
        if (path.equals("/console") || path.equals("/console/")) {
            return m.equals(HttpMethod.GET) ? resource("console.html", "text/html; charset=utf-8") : notAllowed();
        }
        if (path.equals("/console/console.js")) {
            return m.equals(HttpMethod.GET) ? resource("console.js", "text/javascript; charset=utf-8") : notAllowed();
        }
        if (path.equals("/api/login")) {
            return m.equals(HttpMethod.POST) ? login(ctx, req) : notAllowed();
        }
        if (!path.startsWith("/api/") && !path.equals("/metrics")) {
            return HttpResponses.error(HttpResponseStatus.NOT_FOUND, "no such page: " + path);
        }
        Optional<Sessions.Session> session = session(req);
        if (session.isEmpty() && path.equals("/metrics")) {
            session = basicAuth(ctx, req);
        }
        if (session.isEmpty()) {
            return HttpResponses.error(HttpResponseStatus.UNAUTHORIZED, "sign in first: POST /api/login");
        }
        Sessions.Session s = session.get();
        if (m.equals(HttpMethod.POST) && !csrfOk(req, s)) {
            log.warn("console: {} {} by {} refused: missing or wrong CSRF token", m, path, s.username());
            return HttpResponses.error(HttpResponseStatus.FORBIDDEN, "missing or wrong CSRF token: send the "
                    + CSRF_HEADER + " header with the token from /api/session");
        }
        Actor actor = new Actor(s.username(), "console");
        switch (m.name() + " " + path) {
            case "GET /api/session":
                return HttpResponses.json(HttpResponseStatus.OK, Map.of("username", s.username(), "csrfToken", s.csrfToken()));
            case "POST /api/logout":
                sessions.remove(s.id());
                FullHttpResponse out = HttpResponses.json(HttpResponseStatus.OK, Map.of("signedOut", true));
                out.headers().add(HttpHeaderNames.SET_COOKIE, Sessions.COOKIE + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict");
                return out;
            case "POST /api/command":
                return command(req, actor);
            case "GET /api/certificates":
                return HttpResponses.json(HttpResponseStatus.OK, backend.certificates());
            case "POST /api/certificates/import":
                return importKeystore(req, actor);
            case "POST /api/certificates/export":
                return export(req, actor);
            case "POST /api/certificates/reset":
                return reset(req, actor);
            case "GET /api/devices":
                return HttpResponses.json(HttpResponseStatus.OK, backend.devices());
            case "GET /api/warnings":
                return HttpResponses.json(HttpResponseStatus.OK, backend.warnings());
            case "GET /api/audit":
                return HttpResponses.json(HttpResponseStatus.OK, backend.auditLog(200));
            case "GET /metrics":
                return HttpResponses.text(HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8", backend.prometheus());
            default:
                return HttpResponses.error(HttpResponseStatus.NOT_FOUND, "no such API call: " + m + " " + path);
        }
    }

    private FullHttpResponse login(ChannelHandlerContext ctx, FullHttpRequest req) {
        Map<String, Object> body = body(req);
        String user = string(body, "username");
        String password = string(body, "password");
        String address = address(ctx);
        Optional<Duration> locked = throttle.lockedFor(user, address);
        if (locked.isPresent()) {
            long seconds = Math.max(1, locked.get().toSeconds());
            log.warn("console sign-in for '{}' from {} refused: locked for {} s after repeated failures", user, address, seconds);
            FullHttpResponse r = HttpResponses.error(HttpResponseStatus.TOO_MANY_REQUESTS,
                    "too many failed sign-ins: try again in " + seconds + " s");
            r.headers().set(HttpHeaderNames.RETRY_AFTER, seconds);
            return r;
        }
        if (!backend.admins().verify(user, password.toCharArray())) {
            throttle.failed(user, address);
            log.warn("console sign-in for '{}' from {} failed", user, address);
            return HttpResponses.error(HttpResponseStatus.UNAUTHORIZED, "wrong user name or password");
        }
        throttle.succeeded(user, address);
        Sessions.Session s = sessions.create(user);
        log.info("console sign-in: {} from {}", user, address);
        FullHttpResponse r = HttpResponses.json(HttpResponseStatus.OK, Map.of("username", user, "csrfToken", s.csrfToken()));
        r.headers().add(HttpHeaderNames.SET_COOKIE, Sessions.COOKIE + "=" + s.id() + "; Path=/; Secure; HttpOnly; SameSite=Strict");
        return r;
    }

    private FullHttpResponse command(FullHttpRequest req, Actor actor) {
        String line = string(body(req), "command");
        CommandResult r = backend.execute(line, actor);
        return HttpResponses.json(r.ok() ? HttpResponseStatus.OK : HttpResponseStatus.UNPROCESSABLE_ENTITY,
                Map.of("ok", r.ok(), "output", r.output()));
    }

    private FullHttpResponse importKeystore(FullHttpRequest req, Actor actor) {
        Map<String, Object> body = body(req);
        ListenerPurpose target = target(body);
        byte[] content;
        try {
            content = Base64.getMimeDecoder().decode(string(body, "content"));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("'content' must be the keystore file in base64");
        }
        String password = body.get("password") == null ? "" : String.valueOf(body.get("password"));
        String alias = body.get("alias") == null ? null : String.valueOf(body.get("alias"));
        try {
            return HttpResponses.json(HttpResponseStatus.OK, backend.install(target, content, password.toCharArray(), alias, actor));
        } catch (CertificateImportException e) {
            return HttpResponses.error(HttpResponseStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        }
    }

    private FullHttpResponse export(FullHttpRequest req, Actor actor) {
        Map<String, Object> body = body(req);
        ListenerPurpose target = target(body);
        try {
            byte[] p12 = backend.export(target, string(body, "password").toCharArray(), actor);
            FullHttpResponse r = HttpResponses.bytes(HttpResponseStatus.OK, "application/x-pkcs12", p12);
            r.headers().set(HttpHeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"tlslab-" + target.id() + ".p12\"");
            return r;
        } catch (IllegalStateException e) {
            return HttpResponses.error(HttpResponseStatus.CONFLICT, e.getMessage());
        } catch (IllegalArgumentException e) {
            return HttpResponses.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private FullHttpResponse reset(FullHttpRequest req, Actor actor) {
        return HttpResponses.json(HttpResponseStatus.OK, backend.reset(target(body(req)), actor));
    }

    private static ListenerPurpose target(Map<String, Object> body) {
        Object t = body.get("target");
        try {
            return t == null ? ListenerPurpose.CONSOLE : ListenerPurpose.parse(String.valueOf(t));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    private Optional<Sessions.Session> session(FullHttpRequest req) {
        String header = req.headers().get(HttpHeaderNames.COOKIE);
        if (header == null) {
            return Optional.empty();
        }
        for (Cookie c : ServerCookieDecoder.STRICT.decode(header)) {
            if (c.name().equals(Sessions.COOKIE)) {
                return sessions.find(c.value());
            }
        }
        return Optional.empty();
    }

    /** For Prometheus scrapers, which cannot sign in: HTTP Basic, throttled like sign-in. */
    private Optional<Sessions.Session> basicAuth(ChannelHandlerContext ctx, FullHttpRequest req) {
        String h = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String user = decoded.substring(0, colon);
        String address = address(ctx);
        if (throttle.lockedFor(user, address).isPresent()) {
            return Optional.empty();
        }
        if (!backend.admins().verify(user, decoded.substring(colon + 1).toCharArray())) {
            throttle.failed(user, address);
            return Optional.empty();
        }
        throttle.succeeded(user, address);
        return Optional.of(new Sessions.Session("basic", user, "", java.time.Instant.now()));
    }

    private static boolean csrfOk(FullHttpRequest req, Sessions.Session s) {
        String sent = req.headers().get(CSRF_HEADER);
        return sent != null && !s.csrfToken().isEmpty()
                && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), s.csrfToken().getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> body(FullHttpRequest req) {
        String text = req.content().toString(StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new BadRequest("empty body: expected a JSON object");
        }
        try {
            Map<String, Object> m = HttpResponses.JSON.readValue(text, MAP);
            return m == null ? new LinkedHashMap<>() : m;
        } catch (IOException e) {
            throw new BadRequest("body is not a JSON object: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    private static String string(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (v == null) {
            throw new BadRequest("missing field '" + field + "'");
        }
        return String.valueOf(v);
    }

    private static String address(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress
                ? ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress()
                : String.valueOf(ctx.channel().remoteAddress());
    }

    private static FullHttpResponse notAllowed() {
        return HttpResponses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed here");
    }

    private static FullHttpResponse resource(String name, String type) {
        try (InputStream in = ConsoleHandler.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                return HttpResponses.error(HttpResponseStatus.NOT_FOUND, "missing resource " + name);
            }
            return HttpResponses.bytes(HttpResponseStatus.OK, type, in.readAllBytes());
        } catch (IOException e) {
            return HttpResponses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "cannot read " + name);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("console connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    /** A request the client must fix: 400 with the message. */
    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }
}
