package io.tlslab.server.messaging;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.AttributeKey;
import io.tlslab.server.metrics.ServerMetrics;
import io.tlslab.tls.failure.ConnectionFailure;
import java.time.Duration;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the one line SPEC §4 asks for per handshake (initiator, provider, protocol, cipher, peer,
 * outcome, reason on failure), records the metrics, frees the admission slot, and closes the
 * connection when the handshake failed. Then it leaves the pipeline: a connection held for hours does
 * not keep a handler whose only job is done.
 */
public final class HandshakeReporter extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger("tlslab.handshake");
    /** Set once the handshake succeeded; later handlers read the negotiated parameters from it. */
    public static final AttributeKey<Negotiated> NEGOTIATED = AttributeKey.valueOf("tlslab.negotiated");

    /** What the handshake settled on. */
    public record Negotiated(String protocol, String cipher, String engine) {}

    private final String listener;
    private final String initiator;
    private final String engine;
    private final Admission admission;
    private final ServerMetrics metrics;
    private long startNanos;

    public HandshakeReporter(
            String listener, String initiator, String engine, Admission admission, ServerMetrics metrics) {
        this.listener = listener;
        this.initiator = initiator;
        this.engine = engine;
        this.admission = admission;
        this.metrics = metrics;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        startNanos = System.nanoTime();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent) {
            SslHandshakeCompletionEvent done = (SslHandshakeCompletionEvent) evt;
            if (admission != null) {
                admission.handshakeDone(ctx.channel());
            }
            Duration latency = Duration.ofNanos(System.nanoTime() - startNanos);
            if (done.isSuccess()) {
                ctx.channel().attr(FirstBytes.KEY).set(null); // only a failed handshake reads them
                SSLSession s = ctx.pipeline().get(SslHandler.class).engine().getSession();
                Negotiated n = new Negotiated(s.getProtocol(), s.getCipherSuite(), engine);
                ctx.channel().attr(NEGOTIATED).set(n);
                if (log.isInfoEnabled()) { // no argument array per handshake when the line is off
                    log.info(
                            "handshake listener={} initiator={} provider={} protocol={} cipher={} peer={} outcome=OK",
                            listener,
                            initiator,
                            engine,
                            n.protocol(),
                            n.cipher(),
                            ctx.channel().remoteAddress());
                }
                metrics.handshake(listener, engine, "OK", "NONE", latency);
            } else {
                ConnectionFailure f = FirstBytes.refine(
                        ConnectionFailure.of(done.cause()),
                        ctx.channel().attr(FirstBytes.KEY).getAndSet(null));
                log.info(
                        "handshake listener={} initiator={} provider={} protocol=- cipher=- peer={} outcome=FAILED"
                                + " reason={} detail=\"{}\"",
                        listener,
                        initiator,
                        engine,
                        ctx.channel().remoteAddress(),
                        f.code(),
                        f.describe());
                metrics.handshake(listener, engine, "FAILED", f.code(), null);
                ctx.close();
            }
            ctx.fireUserEventTriggered(evt);
            ctx.pipeline().remove(this);
            return;
        }
        super.userEventTriggered(ctx, evt);
    }
}
