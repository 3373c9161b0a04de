package io.tlslab.server.messaging;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.tlslab.protocol.wire.Message;
import io.tlslab.protocol.wire.ProductVersion;
import io.tlslab.protocol.wire.Role;
import io.tlslab.server.command.Replicator;
import io.tlslab.server.metrics.ServerMetrics;
import io.tlslab.tls.TlsContexts;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.Transport;
import io.tlslab.tls.identity.ServedIdentity;
import io.tlslab.tls.wire.MessageFrameCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code save all}: connects to each peer's 4288 with mutual TLS (presenting this server's
 * messaging certificate, pinning the peer's), says HELLO as an AUTHORITY, sends the update and
 * waits for its acknowledgement. Peers are contacted in parallel, each bounded by a timeout.
 */
public final class PeerReplicator implements Replicator {
    private static final Logger log = LoggerFactory.getLogger(PeerReplicator.class);

    private final List<String> peers;
    private final String serverId;
    private final EventLoopGroup workers;
    private final TlsEngine engine;
    private final Supplier<ServedIdentity> identity;
    private final PeerTrust trust;
    private final ServerMetrics metrics;
    private final Duration timeout;
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis());

    public PeerReplicator(
            List<String> peers,
            String serverId,
            EventLoopGroup workers,
            TlsEngine engine,
            Supplier<ServedIdentity> identity,
            PeerTrust trust,
            ServerMetrics metrics,
            Duration timeout) {
        this.peers = List.copyOf(peers);
        this.serverId = serverId;
        this.workers = workers;
        this.engine = engine;
        this.identity = identity;
        this.trust = trust;
        this.metrics = metrics;
        this.timeout = timeout;
    }

    @Override
    public Report replicate(String key, String value) {
        if (peers.isEmpty()) {
            return Replicator.none().replicate(key, value);
        }
        Message.PropertyUpdate update = new Message.PropertyUpdate(sequence.incrementAndGet(), key, value, serverId);
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (String peer : peers) {
            sends.add(send(peer, update));
        }
        int acked = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            try {
                sends.get(i).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                acked++;
            } catch (ExecutionException e) {
                failures.add(peers.get(i) + " (" + e.getCause().getMessage() + ")");
            } catch (TimeoutException e) {
                failures.add(peers.get(i) + " (no acknowledgement within " + timeout.toMillis() + " ms)");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(peers.get(i) + " (interrupted)");
            }
        }
        String summary = "replicated to " + acked + " of " + peers.size() + " servers"
                + (failures.isEmpty() ? "" : "; not reached: " + String.join(", ", failures));
        if (!failures.isEmpty()) {
            log.warn("save all of {}: {}", key, summary);
        }
        return new Report(peers.size(), acked, summary);
    }

    private CompletableFuture<Void> send(String peer, Message.PropertyUpdate update) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        int colon = peer.lastIndexOf(':');
        if (colon <= 0) {
            result.completeExceptionally(new IllegalArgumentException("peer '" + peer + "' is not host:port"));
            return result;
        }
        String host = peer.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(peer.substring(colon + 1));
        } catch (NumberFormatException e) {
            result.completeExceptionally(new IllegalArgumentException("peer '" + peer + "' has no numeric port"));
            return result;
        }
        SslContext ctx;
        try {
            ctx = TlsContexts.mutualClient(identity.get(), engine, trust);
        } catch (Exception e) {
            result.completeExceptionally(e);
            return result;
        }
        Bootstrap b = new Bootstrap()
                .group(workers)
                .channel(Transport.clientChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
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
                        ch.pipeline().addLast("update", new UpdateSender(update, result));
                    }
                });
        b.connect(host, port).addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(
                        new IllegalStateException("cannot connect: " + f.cause().getMessage()));
            }
        });
        return result;
    }

    /** Sends HELLO and the update once TLS is up, completes on the matching acknowledgement. */
    private final class UpdateSender extends ChannelInboundHandlerAdapter {
        private final Message.PropertyUpdate update;
        private final CompletableFuture<Void> result;

        UpdateSender(Message.PropertyUpdate update, CompletableFuture<Void> result) {
            this.update = update;
            this.result = result;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof SslHandshakeCompletionEvent) {
                SslHandshakeCompletionEvent done = (SslHandshakeCompletionEvent) evt;
                if (done.isSuccess()) {
                    ctx.write(new Message.Hello(Role.AUTHORITY, serverId, new ProductVersion(6, 0)));
                    ctx.writeAndFlush(update);
                } else {
                    result.completeExceptionally(new IllegalStateException("TLS handshake failed: "
                            + HandshakeFailure.classify(done.cause()).detail()));
                }
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Message.PropertyAck && ((Message.PropertyAck) msg).sequence() == update.sequence()) {
                result.complete(null);
                ctx.writeAndFlush(new Message.Goodbye("update delivered")).addListener(f -> ctx.close());
            } else if (msg instanceof Message.Goodbye) {
                result.completeExceptionally(new IllegalStateException("refused: " + ((Message.Goodbye) msg).reason()));
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            result.completeExceptionally(new IllegalStateException("connection closed before acknowledgement"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.completeExceptionally(new IllegalStateException(cause.getMessage()));
            ctx.close();
        }
    }
}
