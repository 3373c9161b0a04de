package io.tlslab.server.console;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.tlslab.protocol.text.Untrusted;
import io.tlslab.server.console.auth.AdminAccounts;
import io.tlslab.server.console.auth.LoginThrottle;
import io.tlslab.server.console.auth.Sessions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is calling: signs admins in ({@code POST /api/login}), and turns every other API request
 * ({@code /api/*}, {@code /metrics}) into a {@link SignedInRequest} or answers 401. Pages and the
 * script pass through untouched: they hold no data. Must run off the I/O threads (the password hash
 * is deliberately slow).
 */
final class SessionAuthHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(SessionAuthHandler.class);
    static final String LOGIN_PATH = "/api/login";

    private final AdminAccounts admins;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final SignInHashing hashing;

    SessionAuthHandler(AdminAccounts admins, Sessions sessions, LoginThrottle throttle, SignInHashing hashing) {
        this.admins = admins;
        this.sessions = sessions;
        this.throttle = throttle;
        this.hashing = hashing;
    }

    /** The paths that carry data or change state: everything under /api/ and the metrics. */
    static boolean needsSession(String path) {
        return (path.startsWith("/api/") || path.equals("/metrics")) && !path.equals(LOGIN_PATH);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String path = Requests.path(req);
        if (!path.equals(LOGIN_PATH) && !needsSession(path)) {
            ctx.fireChannelRead(req);
            return;
        }
        Optional<Sessions.Session> session = Optional.empty();
        try {
            if (path.equals(LOGIN_PATH)) {
                if (req.method().equals(HttpMethod.POST)) {
                    answerSignIn(ctx, req);
                } else {
                    Requests.answer(ctx, req, Requests::notAllowed);
                }
                return;
            }
            session = session(req);
            if (session.isEmpty() && path.equals("/metrics")) {
                Optional<String[]> basic = basicCredentials(req);
                if (basic.isPresent() && hashBasicAuth(ctx, req, basic.get()[0], basic.get()[1])) {
                    return;
                }
            }
            if (session.isEmpty()) {
                HttpResponses.send(
                        ctx,
                        req,
                        HttpResponses.error(HttpResponseStatus.UNAUTHORIZED, "sign in first: POST " + LOGIN_PATH));
            }
        } finally {
            if (session.isEmpty()) {
                req.release();
            }
        }
        if (session.isPresent()) {
            ctx.fireChannelRead(new SignedInRequest(req, session.get()));
        }
    }

    /**
     * Answers now when the sign-in is refused before any hashing (bad input, locked, hashing queue
     * full), else once the hash ran on {@link SignInHashing}. The request is released on return: the
     * late answer only reads its headers (keep-alive).
     */
    private void answerSignIn(ChannelHandlerContext ctx, FullHttpRequest req) {
        try {
            FullHttpResponse now = signIn(ctx, req);
            if (now != null) {
                HttpResponses.send(ctx, req, now);
            }
        } catch (RuntimeException e) {
            Requests.answer(ctx, req, () -> {
                throw e;
            });
        }
    }

    /** @return the answer, or null when it will be sent once the password is hashed */
    private FullHttpResponse signIn(ChannelHandlerContext ctx, FullHttpRequest req) {
        Map<String, Object> body = Requests.body(req);
        String user = Requests.string(body, "username");
        String password = Requests.string(body, "password");
        String address = Requests.address(ctx);
        if (!AdminAccounts.isValidUsername(user)) {
            log.warn("console sign-in from {} refused: invalid user name \"{}\"", address, Untrusted.escape(user, 80));
            admins.recordRefusedSignIn(user, address, AdminAccounts.USERNAME_RULE);
            return HttpResponses.error(
                    HttpResponseStatus.BAD_REQUEST, "invalid user name: " + AdminAccounts.USERNAME_RULE);
        }
        Optional<Duration> locked = throttle.lockedFor(user, address);
        if (locked.isPresent()) {
            long seconds = Math.max(1, locked.get().toSeconds());
            log.warn(
                    "console sign-in for '{}' from {} refused: locked for {} s after repeated failures",
                    Untrusted.escape(user),
                    address,
                    seconds);
            FullHttpResponse r = HttpResponses.error(
                    HttpResponseStatus.TOO_MANY_REQUESTS, "too many failed sign-ins: try again in " + seconds + " s");
            r.headers().set(HttpHeaderNames.RETRY_AFTER, seconds);
            return r;
        }
        boolean queued = hashing.submit(ctx, () -> admins.verify(user, password.toCharArray()), (right, error) -> {
            if (error != null) {
                RuntimeException failure = error instanceof RuntimeException r ? r : new IllegalStateException(error);
                Requests.answer(ctx, req, () -> {
                    throw failure;
                });
            } else {
                Requests.answer(ctx, req, () -> signedIn(user, address, right));
            }
        });
        if (!queued) {
            log.warn(
                    "console sign-in for '{}' from {} turned away: {} sign-ins already wait for the password hash",
                    Untrusted.escape(user),
                    address,
                    SignInHashing.QUEUE);
            FullHttpResponse r = HttpResponses.error(
                    HttpResponseStatus.SERVICE_UNAVAILABLE, "too many sign-ins in progress: try again in 1 s");
            r.headers().set(HttpHeaderNames.RETRY_AFTER, 1);
            return r;
        }
        return null;
    }

    /** After the hash: the answer to a sign-in whose password was {@code right} or not. */
    private FullHttpResponse signedIn(String user, String address, boolean right) {
        if (!right) {
            throttle.failed(user, address);
            log.warn("console sign-in for '{}' from {} failed", Untrusted.escape(user), address);
            return HttpResponses.error(HttpResponseStatus.UNAUTHORIZED, "wrong user name or password");
        }
        throttle.succeeded(user, address);
        Sessions.Session s = sessions.create(user);
        log.info("console sign-in: {} from {}", Untrusted.escape(user), address);
        FullHttpResponse r =
                HttpResponses.json(HttpResponseStatus.OK, Map.of("username", user, "csrfToken", s.csrfToken()));
        r.headers()
                .add(
                        HttpHeaderNames.SET_COOKIE,
                        Sessions.COOKIE + "=" + s.id() + "; Path=/; Secure; HttpOnly; SameSite=Strict");
        return r;
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

    /** The user and password of an HTTP Basic header, when there is a well-formed one. */
    private static Optional<String[]> basicCredentials(FullHttpRequest req) {
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
        return colon < 0
                ? Optional.empty()
                : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
    }

    /**
     * For Prometheus scrapers, which cannot sign in: HTTP Basic, throttled like sign-in, hashed on
     * {@link SignInHashing} like a sign-in. On a right password the request goes on as signed in,
     * else it is answered 401 (503 when the hashing queue is full).
     *
     * @return false when the request was not taken (locked out): the caller answers 401
     */
    private boolean hashBasicAuth(ChannelHandlerContext ctx, FullHttpRequest req, String user, String password) {
        String address = Requests.address(ctx);
        if (throttle.lockedFor(user, address).isPresent()) {
            return false;
        }
        req.retain(); // for the answer after the hash: handed on, or released, then
        boolean queued = hashing.submit(ctx, () -> admins.verify(user, password.toCharArray()), (right, error) -> {
            if (error == null && right) {
                throttle.succeeded(user, address);
                ctx.fireChannelRead(
                        new SignedInRequest(req, new Sessions.Session("basic", user, "", java.time.Instant.now())));
                return;
            }
            try {
                if (error != null) {
                    RuntimeException failure =
                            error instanceof RuntimeException r ? r : new IllegalStateException(error);
                    Requests.answer(ctx, req, () -> {
                        throw failure;
                    });
                } else {
                    throttle.failed(user, address);
                    HttpResponses.send(
                            ctx,
                            req,
                            HttpResponses.error(HttpResponseStatus.UNAUTHORIZED, "sign in first: POST " + LOGIN_PATH));
                }
            } finally {
                req.release();
            }
        });
        if (!queued) {
            req.release();
            FullHttpResponse r = HttpResponses.error(
                    HttpResponseStatus.SERVICE_UNAVAILABLE, "too many sign-ins in progress: try again in 1 s");
            r.headers().set(HttpHeaderNames.RETRY_AFTER, 1);
            HttpResponses.send(ctx, req, r);
        }
        return true; // taken, or answered 503; the caller releases its own reference
    }
}
