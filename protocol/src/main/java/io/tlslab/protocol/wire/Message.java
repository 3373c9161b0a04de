package io.tlslab.protocol.wire;

import io.tlslab.protocol.settings.Fingerprint;
import io.tlslab.protocol.validation.ReasonCode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The messages of the TLS message protocol (SPEC §4). Every connection starts with the peer's
 * {@link Hello}; the server answers with {@link Settings}. Encoded by {@link MessageCodec}.
 */
public sealed interface Message {

    /**
     * First message on every connection: who the peer is and, from endpoints that support device
     * identity, a {@code credential}: {@code reg:<organization registration key>} on first contact,
     * then {@code dev:<device credential>} as issued in {@link DeviceCredential}. Empty for peers
     * that predate device identity (5.x endpoints): on the wire the field is then absent, so their
     * HELLO is byte for byte what it always was.
     */
    record Hello(Role role, String guid, ProductVersion version, String credential) implements Message {
        public Hello {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(guid, "guid");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(credential, "credential");
        }

        /** A HELLO without a credential, as every peer sent before device identity. */
        public Hello(Role role, String guid, ProductVersion version) {
            this(role, guid, version, "");
        }
    }

    /**
     * Server to endpoint, once, after a first contact with a registration key: the per-device
     * credential the endpoint keeps and presents in every later HELLO ({@code dev:<credential>}).
     * Sent only to endpoints whose HELLO carried a credential, so older endpoints never see it.
     */
    record DeviceCredential(String credential) implements Message {
        public DeviceCredential {
            Objects.requireNonNull(credential, "credential");
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
    record Ping(long nonce) implements Message {}

    record Pong(long nonce) implements Message {}

    /**
     * A non-strict endpoint's audit: what strict validation would conclude about the server it is
     * connected to. Empty {@code failedChecks} means strict mode would accept.
     *
     * @param leafSha1 the SHA-1 fingerprint of the leaf audited, so the server knows which certificate it was
     */
    record AuditReport(String dialledHost, Fingerprint leafSha1, List<ReasonCode> failedChecks) implements Message {
        public AuditReport {
            Objects.requireNonNull(dialledHost, "dialledHost");
            Objects.requireNonNull(leafSha1, "leafSha1");
            if (leafSha1.algorithm() != Fingerprint.Algorithm.SHA1) {
                throw new IllegalArgumentException("the audited leaf is named by its SHA-1 fingerprint, got "
                        + leafSha1.algorithm().jcaName());
            }
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
    record PropertyAck(long sequence) implements Message {}

    /** Sent just before closing: why the sender is hanging up. */
    record Goodbye(String reason) implements Message {
        public Goodbye {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
