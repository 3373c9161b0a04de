package io.tlslab.server.replication;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.tlslab.protocol.wire.Message;
import io.tlslab.tls.failure.ConnectionFailure;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * One open connection to a peer's 4288: sends updates one at a time and waits for each answer, so a
 * peer receives them in sequence order. Used from one sender thread.
 */
final class PeerLink implements AutoCloseable {

    /** The peer's answer to one update: acknowledged, or refused with its reason. */
    record Answer(boolean acknowledged, String refusal) {}

    private final Channel channel;
    private final Answers answers;
    private final Duration timeout;

    PeerLink(Channel channel, Answers answers, Duration timeout) {
        this.channel = channel;
        this.answers = answers;
        this.timeout = timeout;
    }

    Answer send(Message.PropertyUpdate update) throws PeerUnreachable {
        CompletableFuture<Answer> answer = answers.expect(update.sequence());
        channel.writeAndFlush(update).addListener(f -> {
            if (!f.isSuccess()) {
                answer.completeExceptionally(
                        new PeerUnreachable("cannot send: " + f.cause().getMessage()));
            }
        });
        return await(answer, timeout, "acknowledgement of sequence " + update.sequence());
    }

    @Override
    public void close() {
        if (channel.isActive()) {
            channel.writeAndFlush(new Message.Goodbye("updates delivered")).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    static <T> T await(CompletableFuture<T> f, Duration timeout, String what) throws PeerUnreachable {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof PeerUnreachable u
                    ? u
                    : new PeerUnreachable(what + " failed: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new PeerUnreachable("no " + what + " within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerUnreachable("interrupted (server stopping)");
        }
    }

    /**
     * Completes the handshake, the session and the pending answer from the peer's messages. The peer
     * accepts our HELLO by sending its Settings; a Goodbye before that refuses the connection (retried
     * later), a Goodbye after it refuses the pending update (not retried): the protocol state, not the
     * Goodbye's text, tells the two apart.
     */
    static final class Answers extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<Void> handshake = new CompletableFuture<>();
        private final CompletableFuture<Void> session = new CompletableFuture<>();
        private volatile long expected = -1;
        private volatile CompletableFuture<Answer> pending = CompletableFuture.completedFuture(null);

        CompletableFuture<Void> handshake() {
            return handshake;
        }

        CompletableFuture<Void> session() {
            return session;
        }

        CompletableFuture<Answer> expect(long sequence) {
            CompletableFuture<Answer> f = new CompletableFuture<>();
            expected = sequence;
            pending = f;
            return f;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof SslHandshakeCompletionEvent done) {
                if (done.isSuccess()) {
                    handshake.complete(null);
                } else {
                    handshake.completeExceptionally(new PeerUnreachable("TLS handshake failed: "
                            + ConnectionFailure.of(done.cause()).describe()));
                }
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Message.Settings) {
                session.complete(null);
            } else if (msg instanceof Message.PropertyAck ack && ack.sequence() == expected) {
                pending.complete(new Answer(true, ""));
            } else if (msg instanceof Message.Goodbye bye) {
                if (session.isDone()) {
                    pending.complete(new Answer(false, bye.reason()));
                } else {
                    session.completeExceptionally(new PeerUnreachable("the peer refused our HELLO: " + bye.reason()));
                }
                ctx.close();
            } else if (msg instanceof Message.Ping ping) {
                ctx.writeAndFlush(new Message.Pong(ping.nonce()));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            PeerUnreachable closed = new PeerUnreachable("connection closed before the peer answered");
            handshake.completeExceptionally(closed);
            session.completeExceptionally(closed);
            pending.completeExceptionally(closed);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // in TLS 1.3 the peer checks our certificate after our side of the handshake is done:
            // its refusal arrives here, as an alert, rather than as a failed handshake event
            PeerUnreachable failed = new PeerUnreachable(
                    isTls(cause)
                            ? "TLS handshake failed: "
                                    + ConnectionFailure.of(cause).describe()
                            : String.valueOf(cause.getMessage()));
            handshake.completeExceptionally(failed);
            session.completeExceptionally(failed);
            pending.completeExceptionally(failed);
            ctx.close();
        }

        private static boolean isTls(Throwable cause) {
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof SSLException) {
                    return true;
                }
            }
            return false;
        }
    }
}
