package io.tlslab.tls;

import io.tlslab.tls.failure.ConnectionFailure;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Wraps a client's trust manager to learn, per connection, two things the TLS engines do not report
 * uniformly: whether the server's certificate was checked at all (a resumed handshake skips it, which
 * is how resumption is detected on both engines) and, on a reject, why (typed, from the exception the
 * trust manager threw rather than the engine's message).
 */
public final class ObservingTrustManager extends ForwardingTrustManager {

    private static final Optional<ConnectionFailure> ACCEPTED = Optional.empty();

    private final Map<SSLEngine, Optional<ConnectionFailure>> seen = new ConcurrentHashMap<>();

    public ObservingTrustManager(X509ExtendedTrustManager delegate) {
        super(delegate);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, engine);
            seen.put(engine, ACCEPTED);
        } catch (CertificateException e) {
            seen.put(engine, Optional.of(ConnectionFailure.of(e)));
            throw e;
        }
    }

    /** What happened to this connection's certificate check; forgets it. */
    public Observation take(SSLEngine engine) {
        Optional<ConnectionFailure> v = seen.remove(engine);
        return v == null ? new Observation(false, Optional.empty()) : new Observation(true, v);
    }

    /** Drops what is remembered about a connection that ended without {@link #take}. */
    public void forget(SSLEngine engine) {
        seen.remove(engine);
    }

    /**
     * @param validated the certificate check ran (false on a resumed handshake)
     * @param rejection why the check refused the certificate
     */
    public record Observation(boolean validated, Optional<ConnectionFailure> rejection) {}
}
