package io.tlslab.tls;

import io.netty.handler.ssl.SslContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A client context shared by many connections together with the trust manager observing every
 * certificate check made through it (was the check made, and why did it refuse): what a simulated
 * fleet needs to tell full handshakes from resumed ones and to name each rejection.
 */
public record ObservedClientContext(TlsEngine engine, SslContext context, ObservingTrustManager observer) {

    /** A {@link TlsContexts#client client context} judged by {@code trustManager}, observed. */
    public static ObservedClientContext of(TlsEngine engine, X509ExtendedTrustManager trustManager, TlsOptions options)
            throws SSLException {
        ObservingTrustManager observer = new ObservingTrustManager(trustManager);
        return new ObservedClientContext(engine, TlsContexts.client(engine, observer, options), observer);
    }
}
