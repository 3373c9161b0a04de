package io.tlslab.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.tlslab.server.console.auth.AdminAccounts;
import io.tlslab.server.console.auth.LoginThrottle;
import io.tlslab.server.console.auth.Sessions;
import io.tlslab.server.store.Database;
import io.tlslab.server.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The four console handlers in their order: a refusal from any of them still carries the security headers. */
class ConsoleChannelInitializerTest {
    @TempDir
    Path dir;

    @Test
    void handlersRunInOrderAndEveryRefusalIsHardened() {
        try (Store store = new Store(Database.embedded(dir))) {
            AdminAccounts admins = new AdminAccounts(store);
            Sessions sessions = new Sessions(store, Clock.systemUTC());
            EmbeddedChannel ch = new EmbeddedChannel();
            ConsoleChannelInitializer.addConsoleHandlers(
                    ch.pipeline(),
                    null,
                    new ServerlessBackend(admins),
                    sessions,
                    new LoginThrottle(Clock.systemUTC()),
                    SignInHashing.direct(),
                    new SecurityHeadersHandler(31536000),
                    new CsrfHandler());
            assertThat(ch.pipeline().names())
                    .containsSubsequence(List.of("security-headers", "session-auth", "csrf", "router"));

            ch.writeInbound(ConsoleRequestsForTests.get("/api/devices"));
            FullHttpResponse unauthenticated = ConsoleRequestsForTests.response(ch);
            assertThat(unauthenticated.status().code()).isEqualTo(401);
            assertThat(unauthenticated.headers().get("Strict-Transport-Security"))
                    .isEqualTo("max-age=31536000");
            unauthenticated.release();

            Sessions.Session s = sessions.create("admin");
            var post = ConsoleRequestsForTests.post("/api/command", "{\"command\":\"help\"}");
            post.headers().set("Cookie", Sessions.COOKIE + "=" + s.id());
            ch.writeInbound(post);
            FullHttpResponse csrf = ConsoleRequestsForTests.response(ch);
            assertThat(csrf.status().code()).isEqualTo(403);
            assertThat(csrf.headers().get("Content-Security-Policy"))
                    .isEqualTo(SecurityHeadersHandler.CONTENT_SECURITY_POLICY);
            csrf.release();

            var get = ConsoleRequestsForTests.get("/api/warnings");
            get.headers().set("Cookie", Sessions.COOKIE + "=" + s.id());
            ch.writeInbound(get);
            FullHttpResponse ok = ConsoleRequestsForTests.response(ch);
            assertThat(ok.status().code()).isEqualTo(200);
            assertThat(ok.headers().get("X-Frame-Options")).isEqualTo("DENY");
            assertThat(ConsoleRequestsForTests.body(ok)).isEqualTo("{}");
            ch.finishAndReleaseAll();
        }
    }

    /** A backend with no server behind it: no warnings, real admin accounts. */
    private record ServerlessBackend(AdminAccounts admins) implements ConsoleBackend {
        @Override
        public io.tlslab.server.command.CommandResult execute(String line, io.tlslab.server.command.Actor actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ConsoleViews.Certificates certificates() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ConsoleViews.InstallResult install(
                io.tlslab.server.cert.ListenerPurpose p,
                byte[] c,
                char[] pw,
                String a,
                io.tlslab.server.command.Actor actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] export(io.tlslab.server.cert.ListenerPurpose p, char[] pw, io.tlslab.server.command.Actor actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ConsoleViews.InstallResult reset(
                io.tlslab.server.cert.ListenerPurpose p, io.tlslab.server.command.Actor actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ConsoleViews.DevicePage devices(String filter, int offset, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ConsoleViews.DeviceAction retire(String guid, io.tlslab.server.command.Actor actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ConsoleViews.DeviceAction delete(String guid, io.tlslab.server.command.Actor actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.Map<String, String> warnings() {
            return java.util.Map.of();
        }

        @Override
        public ConsoleViews.AuditPage auditLog(long offset, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String prometheus() {
            return "";
        }
    }
}
