package io.tlslab.server.messaging;

import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Names why a handshake failed, seen from the server: the peer's alert (it rejected our
 * certificate), a timeout, plain HTTP or garbage on the TLS port, or the peer hanging up. The
 * endpoint's own reason code is known only to the endpoint; the server logs what TLS tells it.
 */
public record HandshakeFailure(String reason, String detail) {

    /**
     * @param firstBytes what the peer sent first, when known (see {@link FirstBytes}); null otherwise
     */
    public static HandshakeFailure classify(Throwable cause, byte[] firstBytes) {
        HandshakeFailure f = classify(cause);
        if (firstBytes != null
                && firstBytes.length > 0
                && (f.reason.equals("NOT_TLS") || f.reason.equals("PLAIN_HTTP"))) {
            String text = printable(java.util.HexFormat.of().formatHex(firstBytes));
            return text.matches(HTTP_REQUEST)
                    ? new HandshakeFailure("PLAIN_HTTP", "plain HTTP request on a TLS port: " + firstLine(text))
                    : new HandshakeFailure("NOT_TLS", "bytes that are not a TLS record: " + firstLine(text));
        }
        return f;
    }

    private static final String HTTP_REQUEST = "(?s)(GET|POST|PUT|HEAD|DELETE|OPTIONS|PATCH|CONNECT|TRACE) .*";

    public static HandshakeFailure classify(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null
                && !(root instanceof NotSslRecordException)
                && !(root instanceof SslHandshakeTimeoutException)) {
            root = root.getCause();
        }
        if (cause instanceof NotSslRecordException || root instanceof NotSslRecordException) {
            NotSslRecordException n = cause instanceof NotSslRecordException
                    ? (NotSslRecordException) cause
                    : (NotSslRecordException) root;
            String text = printable(n.getMessage());
            return text.matches(HTTP_REQUEST)
                    ? new HandshakeFailure("PLAIN_HTTP", "plain HTTP request on a TLS port: " + firstLine(text))
                    : new HandshakeFailure("NOT_TLS", "bytes that are not a TLS record: " + firstLine(text));
        }
        if (cause instanceof SslHandshakeTimeoutException || root instanceof SslHandshakeTimeoutException) {
            return new HandshakeFailure("HANDSHAKE_TIMEOUT", "handshake not finished in time (stalled ClientHello?)");
        }
        if (root instanceof ClosedChannelException) {
            return new HandshakeFailure("PEER_CLOSED", "peer closed the connection during the handshake");
        }
        String all = messages(cause).toLowerCase(Locale.ROOT);
        for (String alert : new String[] {
            "bad_certificate",
            "unknown_ca",
            "certificate_unknown",
            "certificate_expired",
            "unsupported_certificate",
            "certificate_revoked",
            "bad certificate",
            "unknown ca",
            "certificate unknown"
        }) {
            if (all.contains(alert)) {
                return new HandshakeFailure(
                        "PEER_REJECTED_CERTIFICATE",
                        "peer refused our certificate (alert " + alert.replace(' ', '_') + ")");
            }
        }
        if (all.contains("alert_internal_error")
                || all.contains("alert: internal_error")
                || all.contains("received fatal alert: internal_error")) {
            return new HandshakeFailure(
                    "PEER_ABORTED",
                    "peer aborted the handshake (alert internal_error: what a client"
                            + " whose own certificate check failed sends)");
        }
        if (all.contains("not a member of this environment")
                || all.contains("certificate_verify_failed")
                || all.contains("peer not authenticated")
                || all.contains("empty server certificate chain")
                || all.contains("certificate required")
                || all.contains("peer_did_not_return_a_certificate")) {
            return new HandshakeFailure(
                    "PEER_NOT_AUTHENTICATED", "peer certificate refused: " + firstLine(messages(cause)));
        }
        if (all.contains("no_shared_cipher")
                || all.contains("no cipher suites")
                || all.contains("protocol_version")
                || all.contains("unsupported_protocol")
                || all.contains("no appropriate protocol")) {
            return new HandshakeFailure("NO_COMMON_PARAMETERS", firstLine(messages(cause)));
        }
        if (all.contains("connection reset") || all.contains("closed") || all.contains("broken pipe")) {
            return new HandshakeFailure("PEER_CLOSED", "peer closed the connection during the handshake");
        }
        return new HandshakeFailure("TLS_ERROR", firstLine(messages(cause)));
    }

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null) {
                sb.append(c.getMessage()).append(" / ");
            }
        }
        return sb.length() == 0 ? t.getClass().getSimpleName() : sb.substring(0, sb.length() - 3);
    }

    /** NotSslRecordException carries a hex dump of what arrived: show it as text when it is. */
    private static String printable(String message) {
        if (message == null) {
            return "";
        }
        int colon = message.lastIndexOf(": ");
        String hex = colon >= 0 ? message.substring(colon + 2).trim() : message.trim();
        try {
            byte[] bytes = HexFormat.of().parseHex(hex.length() % 2 == 0 ? hex : hex.substring(0, hex.length() - 1));
            StringBuilder sb = new StringBuilder();
            for (byte b : new String(bytes, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.ISO_8859_1)) {
                char ch = (char) (b & 0xFF);
                sb.append(ch == '\r' || ch == '\n' ? '\n' : (ch >= 0x20 && ch < 0x7F ? ch : '.'));
            }
            return sb.toString();
        } catch (IllegalArgumentException e) {
            return message;
        }
    }

    private static String firstLine(String s) {
        String line = s.lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }
}
