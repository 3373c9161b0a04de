package io.tlslab.tls;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Tells an observer which protocol and cipher the handshake negotiated before the certificate is
 * judged, so a rejected handshake's log line can still name them (after a failure the engine no
 * longer has a session). Delegates every decision unchanged; stays an {@link X509ExtendedTrustManager}
 * so the JDK does not wrap it with its own algorithm checks.
 */
public final class SessionRecordingTrustManager extends ForwardingTrustManager {

    /** Receives the handshake session's protocol and cipher suite. */
    @FunctionalInterface
    public interface Observer {
        void negotiated(String protocol, String cipherSuite);
    }

    private final Observer observer;

    public SessionRecordingTrustManager(X509ExtendedTrustManager delegate, Observer observer) {
        super(delegate);
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        if (engine != null) {
            SSLSession session = engine.getHandshakeSession();
            if (session != null) {
                observer.negotiated(known(session.getProtocol()), known(session.getCipherSuite()));
            }
        }
        delegate.checkServerTrusted(chain, authType, engine);
    }

    /** BoringSSL reports the null cipher until the handshake finishes: print "-" rather than a false name. */
    private static String known(String value) {
        return value == null || value.isEmpty() || value.startsWith("SSL_NULL_WITH_NULL") || value.equals("NONE")
                ? "-"
                : value;
    }
}
