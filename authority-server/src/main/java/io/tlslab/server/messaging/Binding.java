package io.tlslab.server.messaging;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

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
            throw cannotListen(host, port, what, f.cause());
        }
        return f.channel();
    }

    /**
     * Binds host:port once without SO_REUSEPORT and lets it go: sockets bound with SO_REUSEPORT would
     * otherwise join any other SO_REUSEPORT listener of the same user on that port (a second server
     * started by mistake) and silently share its connections. A listener holding the port, with or
     * without the option, makes this bind fail.
     *
     * @throws IllegalStateException "cannot listen on host:port (what): address already in use"
     */
    public static void ensureFree(String host, int port, String what) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port), 1);
        } catch (IOException e) {
            throw cannotListen(host, port, what, e);
        }
    }

    /** The one wording of a failed bind, Netty's (native or NIO) and the JDK's alike. */
    private static IllegalStateException cannotListen(String host, int port, String what, Throwable cause) {
        String why = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        if (why.contains("Address already in use") || why.contains("error(-98)")) {
            why = "address already in use";
        }
        return new IllegalStateException("cannot listen on " + host + ":" + port + " (" + what + "): " + why, cause);
    }
}
