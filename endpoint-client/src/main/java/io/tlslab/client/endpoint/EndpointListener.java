package io.tlslab.client.endpoint;

import io.tlslab.client.settings.EndpointSettings;
import io.tlslab.protocol.wire.Message;
import java.time.Duration;

/**
 * What an endpoint reports as it runs. Every method is called on the endpoint's event loop, in
 * order: keep them quick and non-blocking (hand heavy work to another executor). Exceptions thrown
 * here are logged and otherwise ignored.
 */
public interface EndpointListener {

    /** Does nothing: for endpoints whose owner only uses futures. */
    EndpointListener NONE = new EndpointListener() {};

    /** Every connection attempt ends here exactly once: accepted, rejected or failed. */
    default void handshakeCompleted(HandshakeOutcome outcome) {}

    /** The server pushed settings; they are already persisted and apply from the next handshake. */
    default void settingsReceived(EndpointSettings settings) {}

    /**
     * A server-to-server message arrived ({@link Message.PropertyUpdate}, {@link Message.PropertyAck}):
     * for a server's outbound link. Keep-alive and settings are handled by the endpoint itself.
     */
    default void messageReceived(Message message) {}

    /** An accepted connection ended; {@code reason} is one line (idle timeout, oversize frame, server closed...). */
    default void disconnected(String reason) {}

    /** The retry routine will try again after {@code delay}; {@code attempt} counts failures in a row. */
    default void retryScheduled(int attempt, Duration delay) {}
}
