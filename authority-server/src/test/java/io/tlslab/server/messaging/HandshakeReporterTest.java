package io.tlslab.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.tlslab.server.metrics.ServerMetrics;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A failed handshake is named by exception type (tls-core's ConnectionFailure) and what the peer sent first. */
class HandshakeReporterTest {
    private final ServerMetrics metrics = new ServerMetrics();
    private final Logger handshakes = (Logger) LoggerFactory.getLogger("tlslab.handshake");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Level level;

    @BeforeEach
    void capture() {
        lines.start();
        level = handshakes.getLevel();
        handshakes.setLevel(Level.INFO);
        handshakes.addAppender(lines);
    }

    @AfterEach
    void release() {
        handshakes.detachAppender(lines);
        handshakes.setLevel(level);
    }

    private String fail(byte[] firstBytes, Throwable cause) {
        EmbeddedChannel channel =
                new EmbeddedChannel(new HandshakeReporter("endpoints", "endpoint", "JDK", null, metrics));
        channel.attr(FirstBytes.KEY).set(firstBytes);
        channel.pipeline().fireUserEventTriggered(new SslHandshakeCompletionEvent(cause));
        assertThat(channel.isOpen()).as("closed after a failed handshake").isFalse();
        List<String> text =
                lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(text).hasSize(1);
        lines.list.clear();
        return text.get(0);
    }

    private double failures(String reason) {
        var counter = metrics.registry()
                .find("tlslab.handshakes")
                .tags("outcome", "FAILED", "reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void plainHttpIsNamedFromTheFirstBytes() {
        byte[] http = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(fail(http, new NotSslRecordException("not an SSL/TLS record")))
                .contains(
                        "outcome=FAILED",
                        "reason=PLAIN_HTTP",
                        "detail=\"plain HTTP request on a TLS port: GET / HTTP/1.1\"");
        assertThat(failures("PLAIN_HTTP")).isEqualTo(1);
    }

    @Test
    void otherBytesAreNotTls() {
        byte[] garbage = {0x01, 0x02, 'h', 'i', '\n', 'x'};
        assertThat(fail(garbage, new NotSslRecordException("not an SSL/TLS record")))
                .contains("reason=NOT_TLS", "detail=\"bytes that are not a TLS record: ..hi\"");
        assertThat(failures("NOT_TLS")).isEqualTo(1);
    }

    @Test
    void timeoutAndTrustManagerRefusalAreNamedByType() {
        assertThat(fail(null, new SslHandshakeTimeoutException("handshake timed out after 10000ms")))
                .contains("reason=HANDSHAKE_TIMEOUT");
        SSLHandshakeException refused = new SSLHandshakeException("handshake failed");
        refused.initCause(new CertificateException("peer certificate CN=x is not a member of this environment"));
        assertThat(fail(null, refused))
                .contains(
                        "reason=CERTIFICATE_REJECTED",
                        "certificate rejected by the trust manager: peer certificate CN=x is not a member");
    }

    @Test
    void messageTextNoLongerPicksTheReason() {
        // an alert is named in text only: the server reports it as a TLS error and keeps the text as detail
        String line = fail(null, new SSLHandshakeException("Received fatal alert: bad_certificate"));
        assertThat(line).contains("reason=TLS_ERROR", "TLS error: Received fatal alert: bad_certificate");
        assertThat(failures("TLS_ERROR")).isEqualTo(1);
    }
}
