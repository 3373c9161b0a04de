package io.tlslab.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.Test;

class SecurityHeadersHandlerTest {

    @Test
    void everyResponseLeavesWithHstsAndTheHardeningHeaders() {
        EmbeddedChannel ch = new EmbeddedChannel(new SecurityHeadersHandler(4242));
        ch.writeOutbound(HttpResponses.error(HttpResponseStatus.UNAUTHORIZED, "sign in first"));
        FullHttpResponse r = ConsoleRequestsForTests.response(ch);
        assertThat(r.headers().get("Strict-Transport-Security")).isEqualTo("max-age=4242");
        assertThat(r.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.headers().get("X-Frame-Options")).isEqualTo("DENY");
        assertThat(r.headers().get("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(r.headers().get("Cache-Control")).isEqualTo("no-store");
        assertThat(r.headers().get("Content-Security-Policy"))
                .contains("default-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("script-src 'unsafe-inline'");
        r.release();
    }

    @Test
    void aHeaderSetByAHandlerIsOverwrittenNotDoubled() {
        EmbeddedChannel ch = new EmbeddedChannel(new SecurityHeadersHandler(10));
        FullHttpResponse sent = HttpResponses.text(HttpResponseStatus.OK, "text/plain", "x");
        sent.headers().set("Content-Security-Policy", "default-src *");
        ch.writeOutbound(sent);
        FullHttpResponse r = ConsoleRequestsForTests.response(ch);
        assertThat(r.headers().getAll("Content-Security-Policy"))
                .containsExactly(SecurityHeadersHandler.CONTENT_SECURITY_POLICY);
        r.release();
    }

    @Test
    void somethingOtherThanAResponsePassesUntouched() {
        EmbeddedChannel ch = new EmbeddedChannel(new SecurityHeadersHandler(10));
        ch.writeOutbound("raw");
        assertThat((Object) ch.readOutbound()).isEqualTo("raw");
    }
}
