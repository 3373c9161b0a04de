package io.tlslab.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.tlslab.server.cert.ListenerPurpose;
import io.tlslab.server.command.Actor;
import io.tlslab.server.command.CommandResult;
import io.tlslab.server.console.auth.AdminAccounts;
import io.tlslab.server.console.auth.Sessions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleRouterTest {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    private io.tlslab.server.store.Store store;
    private Sessions sessions;
    private final RecordingBackend backend = new RecordingBackend();
    private EmbeddedChannel ch;

    @org.junit.jupiter.api.BeforeEach
    void open() {
        store = new io.tlslab.server.store.Store(io.tlslab.server.store.Database.embedded(dir));
        sessions = new Sessions(store, Clock.systemUTC());
        ch = new EmbeddedChannel(new ConsoleRouter(backend, sessions));
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        store.close();
    }

    @Test
    void servesThePageWithTheLogoAndItsScriptAndRedirectsTheRoot() {
        ch.writeInbound(ConsoleRequestsForTests.get("/console"));
        FullHttpResponse page = ConsoleRequestsForTests.response(ch);
        assertThat(page.headers().get(HttpHeaderNames.CONTENT_TYPE)).startsWith("text/html");
        assertThat(ConsoleRequestsForTests.body(page))
                .contains("id=\"logo\"", "src=\"/console/console.js\"")
                .doesNotContain("onclick=", "<script>");
        ch.writeInbound(ConsoleRequestsForTests.get("/console/console.js"));
        assertThat(ConsoleRequestsForTests.response(ch).headers().get(HttpHeaderNames.CONTENT_TYPE))
                .startsWith("text/javascript");
        ch.writeInbound(ConsoleRequestsForTests.get("/"));
        FullHttpResponse root = ConsoleRequestsForTests.response(ch);
        assertThat(root.status().code()).isEqualTo(301);
        assertThat(root.headers().get(HttpHeaderNames.LOCATION)).isEqualTo("/console");
    }

    @Test
    void unknownPagesAre404AndPagesAreReadOnly() {
        ch.writeInbound(ConsoleRequestsForTests.get("/console/../etc/passwd"));
        assertThat(ConsoleRequestsForTests.response(ch).status().code()).isEqualTo(404);
        ch.writeInbound(ConsoleRequestsForTests.post("/console", "{}"));
        assertThat(ConsoleRequestsForTests.response(ch).status().code()).isEqualTo(405);
    }

    @Test
    void aCommandRunsAsTheSignedInAdminThroughTheConsoleChannel() {
        Sessions.Session s = sessions.create("alice");
        ch.writeInbound(
                new SignedInRequest(ConsoleRequestsForTests.post("/api/command", "{\"command\":\"prop.show\"}"), s));
        FullHttpResponse r = ConsoleRequestsForTests.response(ch);
        assertThat(r.status().code()).isEqualTo(200);
        assertThat(ConsoleRequestsForTests.body(r)).contains("\"output\":\"ran prop.show\"");
        assertThat(backend.ran).containsExactly("alice/console: prop.show");

        ch.writeInbound(
                new SignedInRequest(ConsoleRequestsForTests.post("/api/command", "{\"command\":\"bogus\"}"), s));
        assertThat(ConsoleRequestsForTests.response(ch).status().code()).isEqualTo(422);
        ch.writeInbound(new SignedInRequest(ConsoleRequestsForTests.post("/api/command", "{}"), s));
        FullHttpResponse missing = ConsoleRequestsForTests.response(ch);
        assertThat(missing.status().code()).isEqualTo(400);
        assertThat(ConsoleRequestsForTests.body(missing)).contains("missing field 'command'");
    }

    @Test
    void signOutEndsTheSessionAndClearsTheCookie() {
        Sessions.Session s = sessions.create("admin");
        ch.writeInbound(new SignedInRequest(ConsoleRequestsForTests.post("/api/logout", "{}"), s));
        FullHttpResponse r = ConsoleRequestsForTests.response(ch);
        assertThat(r.headers().get(HttpHeaderNames.SET_COOKIE)).contains("Max-Age=0");
        assertThat(sessions.find(s.id())).isEmpty();
    }

    @Test
    void anUnknownApiCallIs404AndTheRequestIsReleased() {
        FullHttpRequest req = ConsoleRequestsForTests.get("/api/nothing-here");
        ch.writeInbound(new SignedInRequest(req, sessions.create("admin")));
        assertThat(ConsoleRequestsForTests.response(ch).status().code()).isEqualTo(404);
        assertThat(req.refCnt()).isZero();
    }

    @Test
    void listsArePagedWithBoundedParametersAndABadOneIsA400ThatSaysTheRange() {
        Sessions.Session s = sessions.create("admin");
        ch.writeInbound(
                new SignedInRequest(ConsoleRequestsForTests.get("/api/devices?filter=laptop&offset=50&limit=25"), s));
        assertThat(ConsoleRequestsForTests.body(ConsoleRequestsForTests.response(ch)))
                .contains("\"offset\":50", "\"limit\":25");
        ch.writeInbound(new SignedInRequest(ConsoleRequestsForTests.get("/api/audit"), s));
        ConsoleRequestsForTests.body(ConsoleRequestsForTests.response(ch));
        assertThat(backend.ran).containsExactly("devices filter=laptop offset=50 limit=25", "audit offset=0 limit=50");

        for (String bad : List.of(
                "/api/audit?limit=0",
                "/api/audit?limit=501",
                "/api/devices?offset=-1",
                "/api/devices?limit=ten",
                "/api/devices?filter=" + "x".repeat(201))) {
            ch.writeInbound(new SignedInRequest(ConsoleRequestsForTests.get(bad), s));
            FullHttpResponse r = ConsoleRequestsForTests.response(ch);
            assertThat(r.status().code()).as(bad).isEqualTo(400);
            assertThat(ConsoleRequestsForTests.body(r)).as(bad).containsAnyOf("whole number from", "longer than 200");
        }
        assertThat(backend.ran).hasSize(2);
    }

    @Test
    void retireAndDeleteAnswerWhatTheBackendDecided() {
        Sessions.Session s = sessions.create("admin");
        ch.writeInbound(
                new SignedInRequest(ConsoleRequestsForTests.post("/api/devices/retire", "{\"guid\":\"known\"}"), s));
        FullHttpResponse ok = ConsoleRequestsForTests.response(ch);
        assertThat(ok.status().code()).isEqualTo(200);
        assertThat(ConsoleRequestsForTests.body(ok)).contains("\"action\":\"retired\"");
        ch.writeInbound(
                new SignedInRequest(ConsoleRequestsForTests.post("/api/devices/retire", "{\"guid\":\"ghost\"}"), s));
        assertThat(ConsoleRequestsForTests.response(ch).status().code()).isEqualTo(404);
        ch.writeInbound(
                new SignedInRequest(ConsoleRequestsForTests.post("/api/devices/delete", "{\"guid\":\"known\"}"), s));
        assertThat(ConsoleRequestsForTests.response(ch).status().code()).isEqualTo(409);
        ch.writeInbound(new SignedInRequest(ConsoleRequestsForTests.post("/api/devices/delete", "{}"), s));
        assertThat(ConsoleRequestsForTests.response(ch).status().code()).isEqualTo(400);
        assertThat(backend.ran).containsExactly("admin retire known");
    }

    /** Records what the router dispatched; answers only what these tests call. */
    private static final class RecordingBackend implements ConsoleBackend {
        final List<String> ran = new ArrayList<>();

        @Override
        public CommandResult execute(String commandLine, Actor actor) {
            ran.add(actor.admin() + "/" + actor.channel() + ": " + commandLine);
            return commandLine.equals("bogus")
                    ? CommandResult.refused("unknown command")
                    : CommandResult.ok("ran " + commandLine);
        }

        @Override
        public ConsoleViews.Certificates certificates() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ConsoleViews.InstallResult install(ListenerPurpose p, byte[] c, char[] pw, String alias, Actor a) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] export(ListenerPurpose purpose, char[] password, Actor actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ConsoleViews.InstallResult reset(ListenerPurpose purpose, Actor actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ConsoleViews.DevicePage devices(String filter, int offset, int limit) {
            ran.add("devices filter=" + filter + " offset=" + offset + " limit=" + limit);
            return new ConsoleViews.DevicePage(0, 0, offset, limit, List.of());
        }

        @Override
        public ConsoleViews.DeviceAction retire(String guid, Actor actor) throws DeviceActionException {
            if (!guid.equals("known")) {
                throw new DeviceActionException("no device with GUID '" + guid + "'", true);
            }
            ran.add(actor.admin() + " retire " + guid);
            return new ConsoleViews.DeviceAction(guid, "retired", "retired " + guid);
        }

        @Override
        public ConsoleViews.DeviceAction delete(String guid, Actor actor) throws DeviceActionException {
            throw new DeviceActionException(guid + " is connected: retire it to disconnect it and remove it", false);
        }

        @Override
        public Map<String, String> warnings() {
            return Map.of();
        }

        @Override
        public ConsoleViews.AuditPage auditLog(long offset, int limit) {
            ran.add("audit offset=" + offset + " limit=" + limit);
            return new ConsoleViews.AuditPage(0, offset, limit, List.of());
        }

        @Override
        public String prometheus() {
            return "";
        }

        @Override
        public AdminAccounts admins() {
            throw new UnsupportedOperationException();
        }
    }
}
