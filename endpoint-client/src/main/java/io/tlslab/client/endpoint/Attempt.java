package io.tlslab.client.endpoint;

import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.failure.ConnectionFailure;
import io.tlslab.tls.validation.ValidationPolicy;
import io.tlslab.tls.validation.Verdict;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One connection attempt: the policy fixed when it started, what the trust manager saw, and the
 * future its outcome completes. The trust manager writes from the TLS engine's thread (the event
 * loop, or a delegated-task thread), hence the volatile fields.
 */
final class Attempt {
    final ClientMode mode;
    final ValidationPolicy policy;
    final CompletableFuture<HandshakeOutcome> result = new CompletableFuture<>();

    volatile Verdict verdict;
    volatile List<X509Certificate> servedChain = List.of();
    volatile String protocol = "-";
    volatile String cipher = "-";
    /** Set once the handshake was accepted: a later close is a disconnect, not a failed attempt. */
    volatile boolean established;

    Attempt(ClientMode mode, ValidationPolicy policy) {
        this.mode = mode;
        this.policy = policy;
    }

    /** Ends with a verdict: ACCEPTED or REJECTED, with what the attempt saw of the session. */
    HandshakeOutcome judged(Verdict verdict, String dialHost, String peer, TlsEngine engine) {
        HandshakeOutcome.Status status =
                verdict.accepted() ? HandshakeOutcome.Status.ACCEPTED : HandshakeOutcome.Status.REJECTED;
        return new HandshakeOutcome(status, mode, verdict, servedChain, dialHost, peer, engine, protocol, cipher, null);
    }

    /** Ends without a verdict: refused, lost, timed out or a TLS error. */
    HandshakeOutcome failed(ConnectionFailure failure, String dialHost, String peer, TlsEngine engine) {
        return new HandshakeOutcome(
                HandshakeOutcome.Status.FAILED,
                mode,
                null,
                servedChain,
                dialHost,
                peer,
                engine,
                protocol,
                cipher,
                failure);
    }
}
