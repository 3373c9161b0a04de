package io.tlslab.fleet.load;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.tlslab.fleet.stats.LoadRecorder;
import io.tlslab.tls.ObservingTrustManager;
import io.tlslab.tls.failure.ConnectionFailure;
import io.tlslab.tls.wire.MessageFrameCodec;

/**
 * Turns the TLS handshake completion event into the attempt's outcome; then closes the connection,
 * or, when the run holds connections open, hands it to a {@link HeldSession}. One job: the outcome. Reconnecting is the endpoint's.
 */
final class LoadHandshakeObserver extends ChannelInboundHandlerAdapter {
    private final LoadAttempt attempt;
    private final ObservingTrustManager observer;
    private final LoadRecorder recorder;
    private final boolean hold;
    private final String guid;

    /** @param hold keep the connection after the handshake, as endpoint {@code guid} (HELLO, keep-alives) */
    LoadHandshakeObserver(
            LoadAttempt attempt, ObservingTrustManager observer, LoadRecorder recorder, boolean hold, String guid) {
        this.attempt = attempt;
        this.observer = observer;
        this.recorder = recorder;
        this.hold = hold;
        this.guid = guid;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        recorder.connectionOpened();
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        recorder.connectionClosed();
        observer.forget(ctx.pipeline().get(SslHandler.class).engine());
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            ObservingTrustManager.Observation seen =
                    observer.take(ctx.pipeline().get(SslHandler.class).engine());
            if (done.isSuccess()) {
                // no certificate check on a successful handshake = the session was resumed
                attempt.succeed(!seen.validated());
                if (!hold) {
                    ctx.close();
                } else {
                    MessageFrameCodec.addLast(ctx.pipeline());
                    ctx.pipeline().addLast("session", new HeldSession(guid, recorder::keepAliveAnswered));
                }
            } else {
                attempt.fail(seen.rejection().orElseGet(() -> ConnectionFailure.of(done.cause())));
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a failure during the handshake also arrives as the completion event; after it, just hang up
        ctx.close();
    }
}
