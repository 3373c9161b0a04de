package io.tlslab.fleet.load;

import io.tlslab.tls.ForwardingTrustManager;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Wraps the endpoint's validating trust manager to learn, per connection, two things the TLS
 * engines do not report uniformly: whether the server's certificate was validated at all (a resumed
 * handshake skips it, which is how resumption is detected on both engines) and, on a reject, the
 * reason code.
 */
public final class ObservingTrustManager extends ForwardingTrustManager {

    /** Marker value: validated and accepted. */
    private static final String ACCEPTED = "";

    private final Function<CertificateException, String> reasonOf;
    private final Map<SSLEngine, String> seen = new ConcurrentHashMap<>();

    /**
     * @param reasonOf turns the delegate's rejection into a reason code name
     */
    public ObservingTrustManager(X509ExtendedTrustManager delegate, Function<CertificateException, String> reasonOf) {
        super(delegate);
        this.reasonOf = reasonOf;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, engine);
            seen.put(engine, ACCEPTED);
        } catch (CertificateException e) {
            seen.put(engine, reasonOf.apply(e));
            throw e;
        }
    }

    /** What happened to this connection's certificate check; forgets it. */
    public Observation take(SSLEngine engine) {
        String v = seen.remove(engine);
        if (v == null) {
            return new Observation(false, Optional.empty());
        }
        return new Observation(true, v.isEmpty() ? Optional.empty() : Optional.of(v));
    }

    /** Drops what is remembered about a connection that ended without {@link #take}. */
    public void forget(SSLEngine engine) {
        seen.remove(engine);
    }

    /**
     * @param validated      the certificate check ran (false on a resumed handshake)
     * @param rejectedReason the reason code of a reject
     */
    public record Observation(boolean validated, Optional<String> rejectedReason) {
    }
}
