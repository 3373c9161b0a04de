package io.tlslab.tls.validation;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Puts the {@link CertificateValidator} into a TLS handshake, for the JDK engine and for OpenSSL through
 * netty-tcnative alike. Being an {@link X509ExtendedTrustManager}, the JDK hands it the chain without
 * applying its own algorithm constraints first, so tlslab decides every verdict (e.g. MD5 is
 * WEAK_ALGORITHM, not a JDK "disabled algorithm" error). The dialled host comes from the engine, which
 * the endpoint must create with {@code SslContext.newEngine(alloc, host, port)}.
 *
 * <p>Fails closed on the host: if the engine (or socket) does not know the peer host, the hostname check
 * fails (HOSTNAME_MISMATCH) instead of being skipped, so a forgotten host cannot make a strict endpoint
 * accept any name.
 *
 * <p>Every verdict goes to the listener; a rejection then fails the handshake with a
 * {@link ValidationFailedException} carrying the verdict. The policy is read per handshake, so settings
 * the endpoint receives apply to the next connection.
 */
public final class ValidatingTrustManager extends X509ExtendedTrustManager {
    private final CertificateValidator validator;
    private final Supplier<ValidationPolicy> policy;
    private final VerdictListener listener;
    private final Clock clock;

    public ValidatingTrustManager(
            CertificateValidator validator, Supplier<ValidationPolicy> policy, VerdictListener listener) {
        this(validator, policy, listener, Clock.systemUTC());
    }

    public ValidatingTrustManager(
            CertificateValidator validator, Supplier<ValidationPolicy> policy, VerdictListener listener, Clock clock) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        decide(chain, engine == null ? null : engine.getPeerHost());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        String host = null;
        if (socket instanceof SSLSocket ssl) {
            SSLSession handshake = ssl.getHandshakeSession();
            host = handshake == null ? null : handshake.getPeerHost();
        }
        decide(chain, host);
    }

    /** Without an engine or socket there is no dialled host: the hostname check fails (see class doc). */
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        decide(chain, null);
    }

    /**
     * Runs the validator, tells the listener, throws on rejection.
     *
     * @param dialledHost the host the endpoint dialled; null or blank when unknown (fails the hostname check)
     * @return the verdict of an accepted chain
     */
    public Verdict decide(X509Certificate[] chain, String dialledHost) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server sent no certificate");
        }
        List<X509Certificate> served = Arrays.asList(chain);
        String host = dialledHost == null ? "" : dialledHost;
        Verdict verdict = validator.validate(served, host, clock.instant(), policy.get());
        try {
            listener.onVerdict(dialledHost, served, verdict);
        } catch (RuntimeException e) {
            // a broken listener must not turn a rejection into an accept or vice versa
        }
        if (!verdict.accepted()) {
            throw new ValidationFailedException(verdict);
        }
        return verdict;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    /** This trust manager validates servers only; an endpoint never accepts client certificates. */
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("tlslab's endpoint trust manager does not accept client certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return validator.anchors().roots().toArray(new X509Certificate[0]);
    }
}
