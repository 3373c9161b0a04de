package io.tlslab.client.endpoint;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.failure.ConnectionFailure;
import io.tlslab.tls.failure.FailureKind;
import io.tlslab.tls.validation.ValidationPolicy;
import io.tlslab.tls.validation.Verdict;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Turns the TLS handshake's completion event into the attempt's {@link HandshakeOutcome}: reads the
 * verdict the trust manager recorded, completes the attempt, and on acceptance installs the message
 * protocol handlers. Until then the pipeline has no encoder at all, so nothing the endpoint could say
 * (GUID, version) can reach the wire before the server passed validation.
 */
final class HandshakeOutcomeHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "handshakeOutcome";

    private final Attempt attempt;
    private final String dialHost;
    private final TlsEngine engine;
    private final Consumer<ChannelHandlerContext> installProtocol;
    private final Consumer<HandshakeOutcome> onOutcome;
    private final BiFunction<List<X509Certificate>, ValidationPolicy, Verdict> resumedSessionJudge;

    HandshakeOutcomeHandler(
            Attempt attempt,
            String dialHost,
            TlsEngine engine,
            Consumer<ChannelHandlerContext> installProtocol,
            Consumer<HandshakeOutcome> onOutcome,
            BiFunction<List<X509Certificate>, ValidationPolicy, Verdict> resumedSessionJudge) {
        this.resumedSessionJudge = resumedSessionJudge;
        this.attempt = attempt;
        this.dialHost = dialHost;
        this.engine = engine;
        this.installProtocol = installProtocol;
        this.onOutcome = onOutcome;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (!(evt instanceof SslHandshakeCompletionEvent)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        SslHandshakeCompletionEvent completion = (SslHandshakeCompletionEvent) evt;
        String peer = describe(ctx.channel().remoteAddress());
        HandshakeOutcome outcome;
        if (completion.isSuccess()) {
            SSLSession session = ctx.pipeline().get(SslHandler.class).engine().getSession();
            Verdict verdict = attempt.verdict;
            if (verdict == null) {
                // a resumed session skips the trust manager: judge the certificates the session was
                // established with under today's policy, before a single byte is sent
                verdict = judgeResumed(session);
            }
            if (verdict == null) {
                outcome = failed(
                        peer,
                        new ConnectionFailure.Transport(
                                FailureKind.TLS_ERROR, "handshake completed without a certificate to validate"));
            } else {
                attempt.protocol = session.getProtocol();
                attempt.cipher = session.getCipherSuite();
                outcome = attempt.judged(verdict, dialHost, peer, engine);
            }
        } else {
            ConnectionFailure failure = ConnectionFailure.of(completion.cause());
            Verdict verdict = attempt.verdict;
            if (verdict == null && failure instanceof ConnectionFailure.Rejected rejected) {
                verdict = rejected.verdict();
            }
            if (verdict != null && !verdict.accepted()) {
                outcome = attempt.judged(verdict, dialHost, peer, engine);
            } else {
                outcome = failed(peer, failure);
            }
        }
        ctx.pipeline().remove(this);
        if (outcome.accepted()) {
            attempt.established = true;
            installProtocol.accept(ctx);
        } else {
            ConnectionCloseReason.set(
                    ctx.channel(),
                    outcome.status() == HandshakeOutcome.Status.REJECTED
                            ? "certificate rejected: " + outcome.label()
                            : "handshake failed: " + outcome.error());
            ctx.close();
        }
        onOutcome.accept(outcome);
        if (outcome.accepted()) {
            // from the pipeline's head: this handler is gone and the session handlers sit where it was
            ctx.pipeline().fireUserEventTriggered(new SessionStart(outcome));
        }
    }

    private Verdict judgeResumed(SSLSession session) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (Certificate c : session.getPeerCertificates()) {
                if (c instanceof X509Certificate) {
                    chain.add((X509Certificate) c);
                }
            }
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
        if (chain.isEmpty()) {
            return null;
        }
        attempt.servedChain = chain;
        attempt.verdict = resumedSessionJudge.apply(chain, attempt.policy);
        return attempt.verdict;
    }

    private HandshakeOutcome failed(String peer, ConnectionFailure error) {
        return attempt.failed(error, dialHost, peer, engine);
    }

    static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress) {
            InetSocketAddress inet = (InetSocketAddress) address;
            return inet.getHostString() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    /** Fired down the pipeline once the server passed validation: the session may start talking. */
    static final class SessionStart {
        final HandshakeOutcome outcome;

        SessionStart(HandshakeOutcome outcome) {
            this.outcome = outcome;
        }
    }
}
