package io.tlslab.client.endpoint;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/** Why tlslab closed a connection, kept on the channel so the disconnect event can say it. */
final class ConnectionCloseReason {
    private static final AttributeKey<String> KEY = AttributeKey.valueOf("tlslab.closeReason");

    private ConnectionCloseReason() {}

    /** Records the first reason only: later ones are consequences. */
    static void set(Channel channel, String reason) {
        channel.attr(KEY).setIfAbsent(reason);
    }

    static String get(Channel channel) {
        String reason = channel.attr(KEY).get();
        return reason == null ? "connection closed by the server" : reason;
    }
}
