package io.tlslab.protocol.wire;

import io.tlslab.protocol.validation.ReasonCode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The messages of the TLS message protocol (SPEC §4). Every connection starts with the peer's
 * {@link Hello}; the server answers with {@link Settings}. Encoded by {@link MessageCodec}.
 */
public sealed interface Message {

    /** First message on every connection: who the peer is. */
    record Hello(Role role, String guid, ProductVersion version) implements Message {
        public Hello {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(guid, "guid");
            Objects.requireNonNull(version, "version");
        }
    }

    /**
     * The system settings for the peer, pushed after HELLO and on every change. Keys are canonical
     * {@link io.tlslab.protocol.settings.PropertyKey} names; values are normalised.
     */
    record Settings(Map<String, String> values) implements Message {
        public Settings {
            values = Map.copyOf(values);
        }
    }

    /** Keep-alive probe; the peer answers {@link Pong} with the same nonce. */
    record Ping(long nonce) implements Message {
    }

    record Pong(long nonce) implements Message {
    }

    /**
     * A non-strict endpoint's audit: what strict validation would conclude about the server it is
     * connected to. Empty {@code failedChecks} means strict mode would accept.
     */
    record AuditReport(String dialledHost, String leafSha1, List<ReasonCode> failedChecks) implements Message {
        public AuditReport {
            Objects.requireNonNull(dialledHost, "dialledHost");
            Objects.requireNonNull(leafSha1, "leafSha1");
            failedChecks = List.copyOf(failedChecks);
        }
    }

    /**
     * Server-to-server (4288): replicate a property saved with {@code save all}. A {@code null} value
     * deletes it. {@code sequence} lets the receiver acknowledge and ignore replays.
     */
    record PropertyUpdate(long sequence, String key, String value, String originServer) implements Message {
        public PropertyUpdate {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(originServer, "originServer");
        }
    }

    /** Acknowledges a {@link PropertyUpdate} by its sequence. */
    record PropertyAck(long sequence) implements Message {
    }

    /** Sent just before closing: why the sender is hanging up. */
    record Goodbye(String reason) implements Message {
        public Goodbye {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
