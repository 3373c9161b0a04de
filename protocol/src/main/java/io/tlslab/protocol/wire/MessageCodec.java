package io.tlslab.protocol.wire;

import io.tlslab.protocol.settings.Fingerprint;
import io.tlslab.protocol.validation.ReasonCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes messages as frame bodies: one type byte then the fields. The 4-byte big-endian length
 * prefix is added and checked by the transport (Netty's length-field codecs), which also enforces
 * {@link #MAX_FRAME_BYTES}: the protocol is framing-agnostic so it stays free of Netty.
 *
 * <p>The first bytes of a TLS record or an HTTP request never decode as a valid HELLO (wrong type
 * byte), which is how the listener tells garbage from a peer.
 */
public final class MessageCodec {

    /** Largest frame body accepted or produced (64 KiB): big enough for any settings map. */
    public static final int MAX_FRAME_BYTES = 64 * 1024;

    /** Bytes of the length prefix in front of every frame body. */
    public static final int LENGTH_PREFIX_BYTES = 4;

    private static final byte HELLO = 1;
    private static final byte SETTINGS = 2;
    private static final byte PING = 3;
    private static final byte PONG = 4;
    private static final byte AUDIT_REPORT = 5;
    private static final byte PROPERTY_UPDATE = 6;
    private static final byte PROPERTY_ACK = 7;
    private static final byte GOODBYE = 8;
    private static final byte DEVICE_CREDENTIAL = 9;

    private MessageCodec() {}

    /**
     * Encodes a message as a frame body (no length prefix).
     *
     * @throws IllegalArgumentException when the message does not fit a frame (one line: why)
     */
    public static byte[] encode(Message message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (message instanceof Message.Hello h) {
                out.writeByte(HELLO);
                out.writeUTF(h.role().name());
                out.writeUTF(h.guid());
                out.writeUTF(h.version().toString());
                if (!h.credential().isEmpty()) {
                    out.writeUTF(h.credential()); // optional trailing field: absent = no credential
                }
            } else if (message instanceof Message.Settings s) {
                out.writeByte(SETTINGS);
                out.writeShort(s.values().size());
                for (Map.Entry<String, String> e : s.values().entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeUTF(e.getValue());
                }
            } else if (message instanceof Message.Ping p) {
                out.writeByte(PING);
                out.writeLong(p.nonce());
            } else if (message instanceof Message.Pong p) {
                out.writeByte(PONG);
                out.writeLong(p.nonce());
            } else if (message instanceof Message.AuditReport a) {
                out.writeByte(AUDIT_REPORT);
                out.writeUTF(a.dialledHost());
                out.writeUTF(a.leafSha1().toString());
                out.writeShort(a.failedChecks().size());
                for (ReasonCode r : a.failedChecks()) {
                    out.writeUTF(r.name());
                }
            } else if (message instanceof Message.PropertyUpdate u) {
                out.writeByte(PROPERTY_UPDATE);
                out.writeLong(u.sequence());
                out.writeUTF(u.key());
                out.writeBoolean(u.value() != null);
                if (u.value() != null) {
                    out.writeUTF(u.value());
                }
                out.writeUTF(u.originServer());
            } else if (message instanceof Message.PropertyAck a) {
                out.writeByte(PROPERTY_ACK);
                out.writeLong(a.sequence());
            } else if (message instanceof Message.DeviceCredential d) {
                out.writeByte(DEVICE_CREDENTIAL);
                out.writeUTF(d.credential());
            } else if (message instanceof Message.Goodbye g) {
                out.writeByte(GOODBYE);
                out.writeUTF(g.reason());
            } else {
                throw new IllegalArgumentException(
                        "no encoding for " + message.getClass().getName());
            }
        } catch (java.io.UTFDataFormatException e) {
            throw new IllegalArgumentException("a text field of the message encodes to more than 65535 bytes,"
                    + " above the frame limit of " + MAX_FRAME_BYTES + " bytes");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen writing to memory
        }
        byte[] body = bytes.toByteArray();
        if (body.length > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException(
                    "message encodes to " + body.length + " bytes, above the " + MAX_FRAME_BYTES + "-byte frame limit");
        }
        return body;
    }

    /**
     * Decodes a frame body.
     *
     * @throws ProtocolException for an unknown type, truncated fields, trailing bytes or bad values
     */
    public static Message decode(byte[] body) throws ProtocolException {
        if (body.length == 0) {
            throw new ProtocolException("empty frame");
        }
        if (body.length > MAX_FRAME_BYTES) {
            throw new ProtocolException(
                    "frame of " + body.length + " bytes exceeds the " + MAX_FRAME_BYTES + "-byte limit");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        try {
            byte type = in.readByte();
            Message message = switch (type) {
                case HELLO -> {
                    Role role = parseRole(in.readUTF());
                    String guid = in.readUTF();
                    ProductVersion version = ProductVersion.parse(in.readUTF());
                    yield new Message.Hello(role, guid, version, in.available() > 0 ? in.readUTF() : "");
                }
                case SETTINGS -> {
                    int n = in.readUnsignedShort();
                    Map<String, String> values = new LinkedHashMap<>();
                    for (int i = 0; i < n; i++) {
                        values.put(in.readUTF(), in.readUTF());
                    }
                    yield new Message.Settings(values);
                }
                case PING -> new Message.Ping(in.readLong());
                case PONG -> new Message.Pong(in.readLong());
                case AUDIT_REPORT -> {
                    String host = in.readUTF();
                    Fingerprint sha1 = Fingerprint.parse(in.readUTF());
                    int n = in.readUnsignedShort();
                    List<ReasonCode> reasons = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        reasons.add(ReasonCode.parse(in.readUTF()));
                    }
                    yield new Message.AuditReport(host, sha1, reasons);
                }
                case PROPERTY_UPDATE -> {
                    long seq = in.readLong();
                    String key = in.readUTF();
                    String value = in.readBoolean() ? in.readUTF() : null;
                    yield new Message.PropertyUpdate(seq, key, value, in.readUTF());
                }
                case PROPERTY_ACK -> new Message.PropertyAck(in.readLong());
                case GOODBYE -> new Message.Goodbye(in.readUTF());
                case DEVICE_CREDENTIAL -> new Message.DeviceCredential(in.readUTF());
                default -> throw new ProtocolException(String.format("unknown message type 0x%02X", type & 0xFF));
            };
            if (in.available() > 0) {
                throw new ProtocolException(in.available() + " unexpected trailing bytes after "
                        + message.getClass().getSimpleName());
            }
            return message;
        } catch (EOFException e) {
            throw new ProtocolException("truncated frame", e);
        } catch (IOException e) {
            throw new ProtocolException("malformed frame: " + e.getMessage(), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProtocolException("invalid value in frame: " + e.getMessage(), e);
        }
    }

    private static Role parseRole(String name) {
        try {
            return Role.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + name + "'");
        }
    }
}
