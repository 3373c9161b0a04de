package io.tlslab.server.console;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.tlslab.protocol.text.Untrusted;
import io.tlslab.server.cert.CertificateImportException;
import io.tlslab.server.cert.ListenerPurpose;
import io.tlslab.server.command.Actor;
import io.tlslab.server.command.CommandResult;
import io.tlslab.server.console.auth.Sessions;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last console handler: serves the page and its script, and dispatches each signed-in API call
 * (already authenticated and CSRF-checked upstream) to the {@link ConsoleBackend}.
 */
final class ConsoleRouter extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConsoleRouter.class);

    private final ConsoleBackend backend;
    private final Sessions sessions;

    ConsoleRouter(ConsoleBackend backend, Sessions sessions) {
        this.backend = backend;
        this.sessions = sessions;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof SignedInRequest signed) {
            try {
                Requests.answer(ctx, signed.request(), () -> api(signed));
            } finally {
                signed.request().release();
            }
        } else if (msg instanceof FullHttpRequest req) {
            try {
                Requests.answer(ctx, req, () -> page(req));
            } finally {
                req.release();
            }
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    /** What needs no session: the page, its script, and a 404 for anything else outside the API. */
    private static FullHttpResponse page(FullHttpRequest req) {
        String path = Requests.path(req);
        HttpMethod m = req.method();
        if (path.equals("/") && m.equals(HttpMethod.GET)) {
            return HttpResponses.redirect("/console");
        }
        if (path.equals("/console") || path.equals("/console/")) {
            return m.equals(HttpMethod.GET)
                    ? resource("console.html", "text/html; charset=utf-8")
                    : Requests.notAllowed();
        }
        if (path.equals("/console/console.js")) {
            return m.equals(HttpMethod.GET)
                    ? resource("console.js", "text/javascript; charset=utf-8")
                    : Requests.notAllowed();
        }
        return HttpResponses.error(HttpResponseStatus.NOT_FOUND, "no such page: " + path);
    }

    private FullHttpResponse api(SignedInRequest signed) {
        FullHttpRequest req = signed.request();
        Sessions.Session s = signed.session();
        String path = Requests.path(req);
        HttpMethod m = req.method();
        Actor actor = new Actor(s.username(), "console");
        switch (m.name() + " " + path) {
            case "GET /api/session":
                return HttpResponses.json(
                        HttpResponseStatus.OK, Map.of("username", s.username(), "csrfToken", s.csrfToken()));
            case "POST /api/logout":
                sessions.remove(s.id());
                FullHttpResponse out = HttpResponses.json(HttpResponseStatus.OK, Map.of("signedOut", true));
                out.headers()
                        .add(
                                HttpHeaderNames.SET_COOKIE,
                                Sessions.COOKIE + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict");
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
                return HttpResponses.json(HttpResponseStatus.OK, backend.reset(target(Requests.body(req)), actor));
            case "GET /api/devices":
                return HttpResponses.json(
                        HttpResponseStatus.OK,
                        backend.devices(Paging.filter(req), (int) Paging.offset(req), Paging.limit(req)));
            case "POST /api/devices/retire":
            case "POST /api/devices/delete":
                return deviceAction(req, path.endsWith("retire"), actor);
            case "GET /api/warnings":
                return HttpResponses.json(HttpResponseStatus.OK, backend.warnings());
            case "GET /api/audit":
                return HttpResponses.json(
                        HttpResponseStatus.OK, backend.auditLog(Paging.offset(req), Paging.limit(req)));
            case "GET /metrics":
                return HttpResponses.text(
                        HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8", backend.prometheus());
            default:
                return HttpResponses.error(HttpResponseStatus.NOT_FOUND, "no such API call: " + m + " " + path);
        }
    }

    private FullHttpResponse command(FullHttpRequest req, Actor actor) {
        String line = Requests.string(Requests.body(req), "command");
        CommandResult r = backend.execute(line, actor);
        return HttpResponses.json(
                r.ok() ? HttpResponseStatus.OK : HttpResponseStatus.UNPROCESSABLE_ENTITY,
                Map.of("ok", r.ok(), "output", r.output()));
    }

    private FullHttpResponse deviceAction(FullHttpRequest req, boolean retire, Actor actor) {
        String guid = Requests.string(Requests.body(req), "guid");
        try {
            return HttpResponses.json(
                    HttpResponseStatus.OK, retire ? backend.retire(guid, actor) : backend.delete(guid, actor));
        } catch (DeviceActionException e) {
            return HttpResponses.error(
                    e.notFound() ? HttpResponseStatus.NOT_FOUND : HttpResponseStatus.CONFLICT, e.getMessage());
        }
    }

    private FullHttpResponse importKeystore(FullHttpRequest req, Actor actor) {
        Map<String, Object> body = Requests.body(req);
        ListenerPurpose target = target(body);
        byte[] content;
        try {
            content = Base64.getMimeDecoder().decode(Requests.string(body, "content"));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("'content' must be the keystore file in base64");
        }
        String password = body.get("password") == null ? "" : String.valueOf(body.get("password"));
        String alias = body.get("alias") == null ? null : String.valueOf(body.get("alias"));
        try {
            return HttpResponses.json(
                    HttpResponseStatus.OK, backend.install(target, content, password.toCharArray(), alias, actor));
        } catch (CertificateImportException e) {
            return HttpResponses.error(HttpResponseStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        }
    }

    private FullHttpResponse export(FullHttpRequest req, Actor actor) {
        Map<String, Object> body = Requests.body(req);
        ListenerPurpose target = target(body);
        try {
            byte[] p12 =
                    backend.export(target, Requests.string(body, "password").toCharArray(), actor);
            FullHttpResponse r = HttpResponses.bytes(HttpResponseStatus.OK, "application/x-pkcs12", p12);
            r.headers()
                    .set(
                            HttpHeaderNames.CONTENT_DISPOSITION,
                            "attachment; filename=\"tlslab-" + target.id() + ".p12\"");
            return r;
        } catch (IllegalStateException e) {
            return HttpResponses.error(HttpResponseStatus.CONFLICT, e.getMessage());
        } catch (IllegalArgumentException e) {
            return HttpResponses.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private static ListenerPurpose target(Map<String, Object> body) {
        Object t = body.get("target");
        try {
            return t == null ? ListenerPurpose.CONSOLE : ListenerPurpose.parse(String.valueOf(t));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    private static FullHttpResponse resource(String name, String type) {
        try (InputStream in = ConsoleRouter.class.getResourceAsStream("/console/" + name)) {
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
        log.debug("console connection {}: {}", ctx.channel().remoteAddress(), Untrusted.escape(cause.toString()));
        ctx.close();
    }
}
