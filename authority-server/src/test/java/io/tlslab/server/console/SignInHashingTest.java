package io.tlslab.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.tlslab.server.console.auth.AdminAccounts;
import io.tlslab.server.console.auth.LoginThrottle;
import io.tlslab.server.console.auth.Sessions;
import io.tlslab.server.store.Database;
import io.tlslab.server.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 finding 6: sign-ins from ~1,200 addresses slowed the admin's pages from 0.1 s to 3-13 s,
 * because every password hash ran on the console's executor. Hashes now wait on their own bounded
 * executor: here it is held busy behind a latch, and the console still answers at once.
 */
class SignInHashingTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String RIGHT = "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}";

    @TempDir
    Path dir;

    @Test
    void pagesAnswerWhileSignInsWaitForTheHashAndAFullQueueIsTurnedAway503() throws Exception {
        SignInHashing hashing = SignInHashing.bounded(1, 2);
        CountDownLatch release = new CountDownLatch(1);
        try (Store store = new Store(Database.embedded(dir))) {
            AdminAccounts admins = new AdminAccounts(store);
            admins.ensureFirstAdmin(PASSWORD.toCharArray());
            Sessions sessions = new Sessions(store, Clock.systemUTC());
            EmbeddedChannel ch = new EmbeddedChannel(
                    new SessionAuthHandler(admins, sessions, new LoginThrottle(Clock.systemUTC()), hashing));
            // the only hashing thread is busy until the latch opens
            assertThat(hashing.occupy(() -> {
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }))
                    .isTrue();

            // two sign-ins fill the queue: no answer yet, and the console thread is not held
            for (int i = 0; i < 2; i++) {
                ch.writeInbound(ConsoleRequestsForTests.post("/api/login", RIGHT));
                assertThat((Object) ch.readOutbound()).isNull();
            }
            // the next one is turned away at once instead of queueing without limit
            ch.writeInbound(ConsoleRequestsForTests.post("/api/login", RIGHT));
            FullHttpResponse busy = ConsoleRequestsForTests.response(ch);
            assertThat(busy.status().code()).isEqualTo(503);
            assertThat(busy.headers().get(HttpHeaderNames.RETRY_AFTER)).isEqualTo("1");
            assertThat(ConsoleRequestsForTests.body(busy)).contains("too many sign-ins in progress");

            // a scraper's HTTP Basic is hashed on the same executor: turned away the same way
            FullHttpRequest scrape = ConsoleRequestsForTests.get("/metrics");
            scrape.headers()
                    .set(
                            HttpHeaderNames.AUTHORIZATION,
                            "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes()));
            ch.writeInbound(scrape);
            FullHttpResponse scrapeBusy = ConsoleRequestsForTests.response(ch);
            assertThat(scrapeBusy.status().code()).isEqualTo(503);
            scrapeBusy.release();
            assertThat(scrape.refCnt()).isZero();

            // meanwhile the page and a signed-in admin's API call go through at once
            FullHttpRequest page = ConsoleRequestsForTests.get("/console");
            ch.writeInbound(page);
            assertThat((Object) ch.readInbound()).isSameAs(page);
            page.release();
            Sessions.Session admin = sessions.create("admin");
            FullHttpRequest api = ConsoleRequestsForTests.get("/api/devices");
            api.headers().set(HttpHeaderNames.COOKIE, Sessions.COOKIE + "=" + admin.id());
            ch.writeInbound(api);
            SignedInRequest signed = ch.readInbound();
            assertThat(signed.session().username()).isEqualTo("admin");
            api.release();

            // once hashing goes on, both queued sign-ins are answered, and succeed
            release.countDown();
            await().atMost(Duration.ofSeconds(30)).until(hashing::idle);
            ch.runPendingTasks();
            for (int i = 0; i < 2; i++) {
                FullHttpResponse signedIn = ConsoleRequestsForTests.response(ch);
                assertThat(signedIn.status().code()).isEqualTo(200);
                assertThat(signedIn.headers().get(HttpHeaderNames.SET_COOKIE)).startsWith(Sessions.COOKIE + "=");
                signedIn.release();
            }
            ch.finishAndReleaseAll();
        } finally {
            release.countDown();
            hashing.shutdown();
        }
    }
}
