package io.tlslab.server.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.tlslab.protocol.text.Untrusted;

/**
 * {@code %msg} for the text log: the formatted message with every control character, line
 * separator and terminal escape written as a backslash-u escape (four hex digits), so one log event is always one
 * line whatever a caller forgot to escape. Values are still escaped where they are logged
 * ({@link Untrusted#escape}), which also covers the quotes around fields.
 */
public final class SafeMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Untrusted.escapeControls(super.convert(event));
    }
}
