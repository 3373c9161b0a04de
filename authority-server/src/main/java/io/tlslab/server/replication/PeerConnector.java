package io.tlslab.server.replication;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.tlslab.protocol.wire.Message;
import io.tlslab.protocol.wire.ProductVersion;
import io.tlslab.protocol.wire.Role;
import io.tlslab.server.messaging.HandshakeReporter;
import io.tlslab.server.messaging.PeerTrust;
import io.tlslab.server.metrics.ServerMetrics;
import io.tlslab.tls.TlsContexts;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.Transport;
import io.tlslab.tls.identity.ServedIdentity;
import io.tlslab.tls.wire.MessageFrameCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Opens a connection to a peer's 4288 with mutual TLS (presenting this server's messaging
 * certificate, pinning the peer's) and says HELLO as an AUTHORITY. Every step is bounded by
 * {@code timeout}.
 */
public final class PeerConnector {
    private final String serverId;
    private final EventLoopGroup workers;
    private final TlsEngine engine;
    private final Supplier<ServedIdentity> identity;
    private final PeerTrust trust;
    private final ServerMetrics metrics;
    private final Duration timeout;

    public PeerConnector(
            String serverId,
            EventLoopGroup workers,
            TlsEngine engine,
            Supplier<ServedIdentity> identity,
            PeerTrust trust,
            ServerMetrics metrics,
            Duration timeout) {
        this.serverId = serverId;
        this.workers = workers;
        this.engine = engine;
        this.identity = identity;
        this.trust = trust;
        this.metrics = metrics;
        this.timeout = timeout;
    }

    Duration timeout() {
        return timeout;
    }

    /** Connected, TLS up and HELLO accepted; blocks the calling thread (never an event loop) up to the timeout. */
    PeerLink open(String peer) throws PeerUnreachable {
        int colon = peer.lastIndexOf(':');
        if (colon <= 0) {
            throw new PeerUnreachable("peer '" + peer + "' is not host:port");
        }
        String host = peer.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(peer.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new PeerUnreachable("peer '" + peer + "' has no numeric port");
        }
        SslContext ctx;
        try {
            ctx = TlsContexts.mutualClient(identity.get(), engine, trust);
        } catch (Exception e) {
            throw new PeerUnreachable("cannot build the TLS context: " + e.getMessage());
        }
        PeerLink.Answers answers = new PeerLink.Answers();
        Bootstrap b = new Bootstrap()
                .group(workers)
                .channel(Transport.clientChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                // In TLS 1.3 a peer that refuses our certificate does so after our side of the handshake,
                // and its alert may meet our HELLO on the wire: the HELLO's write then fails with a reset.
                // Closing on that write failure (Netty's default) would drop the alert still waiting to be
                // read, and the refusal would read "connection closed"; the read side closes instead.
                .option(ChannelOption.AUTO_CLOSE, false)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler ssl = ctx.newHandler(ch.alloc(), host, port);
                        ssl.setHandshakeTimeoutMillis(timeout.toMillis());
                        ch.pipeline().addLast("tls", ssl);
                        ch.pipeline()
                                .addLast(
                                        "handshake",
                                        new HandshakeReporter(
                                                "servers-out", "this-server", engine.name(), null, metrics));
                        MessageFrameCodec.addLast(ch.pipeline());
                        ch.pipeline().addLast("answers", answers);
                    }
                });
        CompletableFuture<Void> connected = new CompletableFuture<>();
        var connect = b.connect(host, port);
        connect.addListener(f -> {
            if (f.isSuccess()) {
                connected.complete(null);
            } else {
                connected.completeExceptionally(
                        new PeerUnreachable("cannot connect: " + f.cause().getMessage()));
            }
        });
        PeerLink link = new PeerLink(connect.channel(), answers, timeout);
        try {
            PeerLink.await(connected, timeout.plusSeconds(1), "connecting");
            PeerLink.await(answers.handshake(), timeout.plusSeconds(1), "TLS handshake");
        } catch (PeerUnreachable e) {
            link.close();
            throw e;
        }
        connect.channel().writeAndFlush(new Message.Hello(Role.AUTHORITY, serverId, new ProductVersion(6, 0)));
        try {
            PeerLink.await(answers.session(), timeout, "answer to our HELLO");
        } catch (PeerUnreachable e) {
            link.close();
            throw e;
        }
        return link;
    }
}
