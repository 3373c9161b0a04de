package io.tlslab.client.endpoint;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The event loops endpoints run on. One transport is shared by any number of endpoints (a simulated
 * fleet runs thousands on a few threads); each endpoint is pinned to one loop of the group, so its
 * connection, timers and retries never need locks.
 */
public final class EndpointTransport implements AutoCloseable {
    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final boolean owned;

    private EndpointTransport(EventLoopGroup group, Class<? extends SocketChannel> channelType, boolean owned) {
        this.group = Objects.requireNonNull(group, "group");
        this.channelType = Objects.requireNonNull(channelType, "channelType");
        this.owned = owned;
    }

    /** A new group of {@code threads} loops (0 = Netty's default, 2x cores), epoll where available. */
    public static EndpointTransport create(int threads) {
        DefaultThreadFactory threadFactory = new DefaultThreadFactory("tlslab-endpoint", true);
        if (Epoll.isAvailable()) {
            return new EndpointTransport(
                    new MultiThreadIoEventLoopGroup(threads, threadFactory, EpollIoHandler.newFactory()),
                    EpollSocketChannel.class,
                    true);
        }
        return new EndpointTransport(
                new MultiThreadIoEventLoopGroup(threads, threadFactory, NioIoHandler.newFactory()),
                NioSocketChannel.class,
                true);
    }

    /**
     * Runs endpoints on a group the caller owns (closing this transport leaves the group running).
     * The channel type follows the group's I/O type: epoll or NIO.
     */
    public static EndpointTransport shared(EventLoopGroup group) {
        boolean epoll = group instanceof IoEventLoopGroup && ((IoEventLoopGroup) group).isIoType(EpollIoHandler.class);
        return new EndpointTransport(group, epoll ? EpollSocketChannel.class : NioSocketChannel.class, false);
    }

    public EventLoopGroup group() {
        return group;
    }

    public Class<? extends SocketChannel> channelType() {
        return channelType;
    }

    /** Whether the native epoll transport is in use. */
    public boolean isEpoll() {
        return channelType == EpollSocketChannel.class;
    }

    /** Shuts the group down if this transport created it. */
    @Override
    public void close() {
        if (owned) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
