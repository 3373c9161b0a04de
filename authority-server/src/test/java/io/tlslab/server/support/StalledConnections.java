package io.tlslab.server.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An attacker on loopback: opens {@code count} TCP connections from one source address and sends
 * nothing, so each one that the server admits holds a handshake slot until the handshake timeout.
 * Bounded: exactly {@code count} connection attempts, all closed on {@link #close()}.
 */
public final class StalledConnections implements AutoCloseable {
    private final List<SocketChannel> sockets = new ArrayList<>();
    private int attempted;

    private StalledConnections() {}

    public static StalledConnections open(InetAddress from, int port, int count, Duration deadline) throws IOException {
        StalledConnections s = new StalledConnections();
        long end = System.nanoTime() + deadline.toNanos();
        InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        for (int i = 0; i < count && System.nanoTime() < end; i++) {
            SocketChannel ch = SocketChannel.open();
            s.sockets.add(ch);
            s.attempted++;
            try {
                ch.bind(new InetSocketAddress(from, 0));
                ch.configureBlocking(false);
                ch.connect(target);
            } catch (IOException e) {
                // a refused or failed attempt still counts as an attempt
            }
        }
        for (SocketChannel ch : s.sockets) {
            try {
                if (ch.isConnectionPending()) {
                    ch.finishConnect();
                }
            } catch (IOException e) {
                // refused by the kernel backlog: the attacker tried, that is what counts
            }
        }
        return s;
    }

    public int attempted() {
        return attempted;
    }

    @Override
    public void close() {
        for (SocketChannel ch : sockets) {
            try {
                ch.close();
            } catch (IOException e) {
                // closing a socket the server already closed
            }
        }
    }
}
