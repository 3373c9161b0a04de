package io.tlslab.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.tlslab.server.console.auth.Sessions;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CsrfHandlerTest {
    private final Sessions.Session session = new Sessions.Session("sid", "admin", "the-token", Instant.EPOCH);

    @Test
    void aPostWithoutTheTokenIsRefusedAndNeverReachesTheRouter() {
        EmbeddedChannel ch = new EmbeddedChannel(new CsrfHandler());
        FullHttpRequest req = ConsoleRequestsForTests.post("/api/command", "{\"command\":\"prop.show\"}");
        ch.writeInbound(new SignedInRequest(req, session));
        assertThat((Object) ch.readInbound()).isNull();
        FullHttpResponse r = ConsoleRequestsForTests.response(ch);
        assertThat(r.status().code()).isEqualTo(403);
        assertThat(ConsoleRequestsForTests.body(r)).contains("CSRF", CsrfHandler.HEADER);
        assertThat(req.refCnt()).as("the refused request is released").isZero();
    }

    @Test
    void aWrongTokenIsRefusedTheRightOnePasses() {
        EmbeddedChannel ch = new EmbeddedChannel(new CsrfHandler());
        FullHttpRequest forged = ConsoleRequestsForTests.post("/api/logout", "{}");
        forged.headers().set(CsrfHandler.HEADER, "the-token-but-longer");
        ch.writeInbound(new SignedInRequest(forged, session));
        assertThat(ConsoleRequestsForTests.response(ch).status().code()).isEqualTo(403);

        FullHttpRequest right = ConsoleRequestsForTests.post("/api/logout", "{}");
        right.headers().set(CsrfHandler.HEADER, "the-token");
        ch.writeInbound(new SignedInRequest(right, session));
        assertThat((Object) ch.readOutbound()).isNull();
        SignedInRequest passed = ch.readInbound();
        assertThat(passed.request()).isSameAs(right);
        right.release();
    }

    @Test
    void readsNeedNoTokenAndASessionWithoutATokenCannotPost() {
        EmbeddedChannel ch = new EmbeddedChannel(new CsrfHandler());
        FullHttpRequest get = ConsoleRequestsForTests.get("/api/devices");
        ch.writeInbound(new SignedInRequest(get, session));
        assertThat(((SignedInRequest) ch.readInbound()).request()).isSameAs(get);
        get.release();

        // HTTP Basic (the metrics scraper) has no CSRF token: it may read, never change anything
        Sessions.Session basic = new Sessions.Session("basic", "admin", "", Instant.EPOCH);
        FullHttpRequest post = ConsoleRequestsForTests.post("/api/command", "{}");
        post.headers().set(CsrfHandler.HEADER, "");
        ch.writeInbound(new SignedInRequest(post, basic));
        assertThat(ConsoleRequestsForTests.response(ch).status().code()).isEqualTo(403);
    }
}
