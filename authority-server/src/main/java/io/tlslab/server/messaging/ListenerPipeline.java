package io.tlslab.server.messaging;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.tlslab.protocol.wire.Message;
import io.tlslab.server.metrics.ServerMetrics;
import io.tlslab.tls.wire.MessageFrameCodec;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The pipeline of one listener's connections (docs/architecture.md, "Pipelines"). Until {@link Admission}
 * lets a connection in it holds only {@code admission}, {@code admitted} and {@code errors}; then {@code firstBytes},
 * {@code tls}, {@code handshake}, the frame codec, {@code hello} and {@code errors}. The handlers with a
 * one-time job leave once it is done ({@code firstBytes} after the first read, {@code handshake} after the
 * handshake, {@code hello} after HELLO, replaced by {@code idle} and {@code session}), so an idle connection
 * holds only {@code admission}, {@code tls}, the codec, {@code idle}, {@code session} and {@code errors}.
 * Everything a connection shares with the others (timings, the error handler, the admission) is made once
 * here, not per connection.
 */
final class ListenerPipeline extends ChannelInitializer<Channel> {
    private final Supplier<SslContext> context;
    private final long handshakeTimeoutMillis;
    private final Admission admission;
    private final Consumer<ChannelPipeline> admitted;
    private final ConnectionErrors errors;
    private final ChannelGroup connections;

    /**
     * @param context     the listener's current TLS context (it changes when the served identity does)
     * @param connections where each accepted connection is kept until it closes (the listener's close hangs up on them)
     */
    ListenerPipeline(
            ListenerKind kind,
            String engine,
            Supplier<SslContext> context,
            ChannelGroup connections,
            Admission admission,
            ServerMetrics metrics,
            Function<Message.Hello, HelloGate.Session> sessions,
            Duration handshakeTimeout,
            Duration helloTimeout,
            KeepAliveTimer.Timing keepAlive) {
        this.context = context;
        this.connections = connections;
        this.handshakeTimeoutMillis = handshakeTimeout.toMillis();
        this.admission = admission;
        ConnectionErrors errors = new ConnectionErrors(kind.label(), metrics);
        // the keep-alive timer starts with the session: before HELLO the gate's own timeout guards the
        // connection, so a connection that never gets that far costs no keep-alive timer
        Supplier<ChannelHandler> keepAliveTimer = () -> new KeepAliveTimer(keepAlive);
        String initiator = kind == ListenerKind.ENDPOINTS ? "endpoint" : "peer-server";
        this.errors = errors;
        this.admitted = p -> {
            p.remove(errors); // back at the tail below, behind the handlers added now
            p.addLast("firstBytes", new FirstBytes());
            p.addLast("tls", newTlsHandler(p.channel()));
            p.addLast("handshake", new HandshakeReporter(kind.label(), initiator, engine, admission, metrics));
            MessageFrameCodec.addLast(p);
            p.addLast("hello", new HelloGate(kind, helloTimeout, sessions, metrics, keepAliveTimer));
            p.addLast("errors", errors);
        };
    }

    @Override
    protected void initChannel(Channel ch) {
        connections.add(ch);
        // the rest of the pipeline (TLS first) is built once admission lets the connection in
        // errors from the start: a connection refused or waiting in the handshake queue can be reset by its
        // peer too, and that must be one log line, not Netty's "reached the tail" warning with a stack trace
        ch.pipeline()
                .addLast("admission", admission)
                .addLast("admitted", new AdmittedPipeline(admitted))
                .addLast("errors", errors);
    }

    private SslHandler newTlsHandler(Channel ch) {
        SslHandler ssl = context.get().newHandler(ch.alloc());
        ssl.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        return ssl;
    }
}
