package io.tlslab.client.endpoint;

import io.tlslab.protocol.validation.ClientMode;
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
}
