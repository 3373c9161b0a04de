package io.tlslab.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.tlslab.protocol.wire.ProtocolException;
import io.tlslab.server.metrics.ServerMetrics;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The last handler: one line per failure, named by exception type, and the connection closed. */
class ConnectionErrorsTest {
    private final ServerMetrics metrics = new ServerMetrics();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ConnectionErrors.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Level level;

    @BeforeEach
    void capture() {
        lines.start();
        level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
        logger.setLevel(level);
    }

    private ILoggingEvent raise(Throwable cause) {
        EmbeddedChannel channel = new EmbeddedChannel(new ConnectionErrors("endpoints", metrics));
        channel.pipeline().fireExceptionCaught(cause);
        assertThat(channel.isOpen()).isFalse();
        List<ILoggingEvent> logged = List.copyOf(lines.list);
        lines.list.clear();
        assertThat(logged).hasSize(1);
        return logged.get(0);
    }

    private double protocolErrors(String kind) {
        var counter = metrics.registry()
                .find("tlslab.protocol.errors")
                .tags("kind", kind)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void framesAreCountedByKind() {
        ILoggingEvent oversize = raise(new DecoderException(new TooLongFrameException("frame length 70000 > 65536")));
        assertThat(oversize.getLevel()).isEqualTo(Level.WARN);
        assertThat(oversize.getFormattedMessage()).endsWith("oversize frame, closing (frame length 70000 > 65536)");
        assertThat(protocolErrors("oversize_frame")).isEqualTo(1);
        ILoggingEvent malformed = raise(new DecoderException(new ProtocolException("unknown message type 99")));
        assertThat(malformed.getFormattedMessage()).endsWith("malformed frame, closing (unknown message type 99)");
        assertThat(protocolErrors("malformed_frame")).isEqualTo(1);
    }

    @Test
    void ioIsDebugAndABugIsAWarning() {
        assertThat(raise(new IOException("Connection reset by peer")).getLevel())
                .isEqualTo(Level.DEBUG);
        ILoggingEvent bug = raise(new IllegalStateException("handler state"));
        assertThat(bug.getLevel()).isEqualTo(Level.WARN);
        assertThat(bug.getFormattedMessage()).contains("unexpected error, closing: java.lang.IllegalStateException");
    }
}
