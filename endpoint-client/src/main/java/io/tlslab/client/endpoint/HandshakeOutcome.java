package io.tlslab.client.endpoint;

import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.failure.ConnectionFailure;
import io.tlslab.tls.validation.Verdict;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one connection attempt ended: the server passed validation, tlslab rejected its certificate,
 * or the attempt failed for a reason unrelated to the certificate (refused, timeout, TLS error).
 *
 * @param status      accepted, rejected or failed
 * @param mode        how the endpoint validated on this attempt
 * @param verdict     tlslab's verdict; null when the attempt failed before a certificate was seen
 * @param servedChain the chain as the server sent it, leaf first; empty when none was seen
 * @param dialHost    the host the endpoint validated against
 * @param peer        the server's address as connected ({@code host:port})
 * @param engine      the TLS engine used
 * @param protocol    negotiated TLS version, e.g. {@code TLSv1.3}; {@code -} if unknown
 * @param cipher      negotiated cipher suite; {@code -} if unknown
 * @param failure     why the attempt failed (status FAILED only; null otherwise)
 */
public record HandshakeOutcome(
        Status status,
        ClientMode mode,
        Verdict verdict,
        List<X509Certificate> servedChain,
        String dialHost,
        String peer,
        TlsEngine engine,
        String protocol,
        String cipher,
        ConnectionFailure failure) {

    public enum Status {
        /** Handshake done and tlslab accepted the certificate (non-strict: always). */
        ACCEPTED,
        /** tlslab rejected the server's certificate: {@link #outcome()} has the reason. */
        REJECTED,
        /** No verdict: connection refused or lost, handshake timeout, TLS protocol error. */
        FAILED
    }

    public HandshakeOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(mode, "mode");
        servedChain = List.copyOf(servedChain);
        if (status != Status.FAILED) {
            Objects.requireNonNull(verdict, "verdict of an " + status + " outcome");
        } else {
            Objects.requireNonNull(failure, "failure of a FAILED outcome");
        }
    }

    /** Why the attempt failed, one line; empty text unless FAILED. */
    public String error() {
        return failure == null ? "" : failure.describe();
    }

    public boolean accepted() {
        return status == Status.ACCEPTED;
    }

    /** The validation outcome ({@code ACCEPT} or {@code REJECT:<REASON>}); empty when the attempt failed. */
    public Optional<Outcome> outcome() {
        if (status == Status.FAILED) {
            return Optional.empty();
        }
        return Optional.of(verdict.outcome());
    }

    /** The primary reason of a rejection. */
    public Optional<ReasonCode> reason() {
        return outcome().flatMap(Outcome::reason);
    }

    /** The served leaf, if the server sent a certificate. */
    public Optional<X509Certificate> leaf() {
        return servedChain.isEmpty() ? Optional.empty() : Optional.of(servedChain.get(0));
    }

    /** {@code ACCEPT}, {@code REJECT:<REASON>} or {@code FAILED}. */
    public String label() {
        return status == Status.FAILED ? "FAILED" : verdict.outcome().toString();
    }
}
