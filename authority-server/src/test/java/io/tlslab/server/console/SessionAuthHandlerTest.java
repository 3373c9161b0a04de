package io.tlslab.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.tlslab.server.console.auth.AdminAccounts;
import io.tlslab.server.console.auth.LoginThrottle;
import io.tlslab.server.console.auth.Sessions;
import io.tlslab.server.store.Database;
import io.tlslab.server.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionAuthHandlerTest {
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dir;

    Store store;
    Sessions sessions;
    EmbeddedChannel ch;

    @BeforeEach
    void setUp() {
        store = new Store(Database.embedded(dir));
        AdminAccounts admins = new AdminAccounts(store);
        admins.ensureFirstAdmin(PASSWORD.toCharArray());
        sessions = new Sessions(store, Clock.systemUTC());
        ch = new EmbeddedChannel(
                new SessionAuthHandler(admins, sessions, new LoginThrottle(Clock.systemUTC()), SignInHashing.direct()));
    }

    @AfterEach
    void tearDown() {
        ch.finishAndReleaseAll();
        store.close();
    }

    @Test
    void anApiCallWithoutASessionIsAnswered401AndGoesNoFurther() {
        for (String path : new String[] {"/api/devices", "/api/session", "/metrics", "/api/anything"}) {
            FullHttpRequest req = ConsoleRequestsForTests.get(path);
            ch.writeInbound(req);
            assertThat((Object) ch.readInbound()).as(path).isNull();
            FullHttpResponse r = ConsoleRequestsForTests.response(ch);
            assertThat(r.status().code()).as(path).isEqualTo(401);
            assertThat(ConsoleRequestsForTests.body(r)).contains("sign in first");
            assertThat(req.refCnt()).isZero();
        }
    }

    @Test
    void pagesPassThroughUntouchedWithoutASession() {
        FullHttpRequest page = ConsoleRequestsForTests.get("/console");
        ch.writeInbound(page);
        assertThat((Object) ch.readInbound()).isSameAs(page);
        assertThat((Object) ch.readOutbound()).isNull();
        page.release();
    }

    @Test
    void signInSetsAHardenedCookieAndTheSessionThenAuthenticatesApiCalls() {
        ch.writeInbound(ConsoleRequestsForTests.post(
                "/api/login", "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}"));
        FullHttpResponse login = ConsoleRequestsForTests.response(ch);
        assertThat(login.status().code()).isEqualTo(200);
        String cookie = login.headers().get(HttpHeaderNames.SET_COOKIE);
        assertThat(cookie).startsWith(Sessions.COOKIE + "=").contains("Secure", "HttpOnly", "SameSite=Strict");
        assertThat(ConsoleRequestsForTests.body(login)).contains("csrfToken");

        FullHttpRequest api = ConsoleRequestsForTests.get("/api/devices");
        api.headers().set(HttpHeaderNames.COOKIE, cookie.substring(0, cookie.indexOf(';')));
        ch.writeInbound(api);
        SignedInRequest signed = ch.readInbound();
        assertThat(signed.request()).isSameAs(api);
        assertThat(signed.session().username()).isEqualTo("admin");
        api.release();

        FullHttpRequest forged = ConsoleRequestsForTests.get("/api/devices");
        forged.headers().set(HttpHeaderNames.COOKIE, Sessions.COOKIE + "=not-a-session");
        ch.writeInbound(forged);
        assertThat(ConsoleRequestsForTests.response(ch).status().code()).isEqualTo(401);
    }

    @Test
    void wrongPasswordsAre401ThenTheAccountLocks429WithRetryAfter() {
        for (int i = 0; i < 5; i++) {
            ch.writeInbound(ConsoleRequestsForTests.post(
                    "/api/login", "{\"username\":\"admin\",\"password\":\"guess" + i + "\"}"));
            assertThat(ConsoleRequestsForTests.response(ch).status().code()).isEqualTo(401);
        }
        ch.writeInbound(ConsoleRequestsForTests.post(
                "/api/login", "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}"));
        FullHttpResponse locked = ConsoleRequestsForTests.response(ch);
        assertThat(locked.status().code()).isEqualTo(429);
        assertThat(locked.headers().get(HttpHeaderNames.RETRY_AFTER)).isNotBlank();
        locked.release();
    }

    @Test
    void aMalformedSignInIs400AndSignInOnlyAcceptsPost() {
        ch.writeInbound(ConsoleRequestsForTests.post("/api/login", "not json"));
        FullHttpResponse bad = ConsoleRequestsForTests.response(ch);
        assertThat(bad.status().code()).isEqualTo(400);
        assertThat(ConsoleRequestsForTests.body(bad)).contains("not a JSON object");
        ch.writeInbound(ConsoleRequestsForTests.get("/api/login"));
        assertThat(ConsoleRequestsForTests.response(ch).status().code()).isEqualTo(405);
    }

    @Test
    void metricsAcceptHttpBasicForScrapersButNothingElseDoes() {
        String basic =
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        FullHttpRequest metrics = ConsoleRequestsForTests.get("/metrics");
        metrics.headers().set(HttpHeaderNames.AUTHORIZATION, basic);
        ch.writeInbound(metrics);
        SignedInRequest signed = ch.readInbound();
        assertThat(signed.session().csrfToken())
                .as("a scraper can never pass the CSRF check")
                .isEmpty();
        metrics.release();

        FullHttpRequest devices = ConsoleRequestsForTests.get("/api/devices");
        devices.headers().set(HttpHeaderNames.AUTHORIZATION, basic);
        ch.writeInbound(devices);
        assertThat(ConsoleRequestsForTests.response(ch).status().code()).isEqualTo(401);
    }
}
