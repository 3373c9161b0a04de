package io.tlslab.server.messaging;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.tlslab.protocol.wire.Message;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoints connected right now, by GUID, and the settings they must hold: sent on every
 * connect and pushed to all of them at once on every change (SPEC §2).
 */
public final class SessionHub {
    private static final Logger log = LoggerFactory.getLogger(SessionHub.class);

    private final Map<String, Channel> endpoints = new ConcurrentHashMap<>();
    private final Supplier<Message.Settings> settings;

    public SessionHub(Supplier<Message.Settings> settings) {
        this.settings = settings;
    }

    public Message.Settings currentSettings() {
        return settings.get();
    }

    public void register(String guid, Channel channel) {
        Channel previous = endpoints.put(guid, channel);
        if (previous != null && previous != channel) {
            log.info("endpoint {} reconnected from {}; closing its previous connection", guid, channel.remoteAddress());
            previous.writeAndFlush(new Message.Goodbye("replaced by a newer connection of the same GUID"))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    public void unregister(String guid, Channel channel) {
        endpoints.remove(guid, channel);
    }

    /** Says goodbye to the device's connection, if it has one, and closes it; true when one was open. */
    public boolean disconnect(String guid, String reason) {
        Channel c = endpoints.remove(guid);
        if (c == null) {
            return false;
        }
        c.writeAndFlush(new Message.Goodbye(reason)).addListener(ChannelFutureListener.CLOSE);
        return true;
    }

    public int size() {
        return endpoints.size();
    }

    /** Pushes the current settings to every connected endpoint; returns how many were sent. */
    public int pushSettings() {
        Message.Settings s = settings.get();
        int n = 0;
        for (Channel c : endpoints.values()) {
            if (c.isActive()) {
                c.writeAndFlush(s);
                n++;
            }
        }
        log.info("pushed settings {} to {} connected endpoints", s.values(), n);
        return n;
    }
}
