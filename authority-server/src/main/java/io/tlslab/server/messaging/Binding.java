package io.tlslab.server.messaging;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

/** Binds a listener, turning Netty's bind failures (native or NIO) into one clear message. */
public final class Binding {
    private Binding() {}

    /**
     * @throws IllegalStateException "cannot listen on host:port (what): why"
     * @throws InterruptedException  when interrupted while binding
     */
    public static Channel bind(ServerBootstrap b, String host, int port, String what) throws InterruptedException {
        ChannelFuture f = b.bind(host, port).await();
        if (!f.isSuccess()) {
            Throwable c = f.cause();
            String why = c.getMessage() == null ? c.toString() : c.getMessage();
            if (why.contains("Address already in use") || why.contains("error(-98)")) {
                why = "address already in use";
            }
            throw new IllegalStateException("cannot listen on " + host + ":" + port + " (" + what + "): " + why, c);
        }
        return f.channel();
    }
}
