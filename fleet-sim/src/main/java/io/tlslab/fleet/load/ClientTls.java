package io.tlslab.fleet.load;

import io.tlslab.tls.TlsEngine;
import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * One TLS client configuration shared by many simulated endpoints: the Netty context of an engine and
 * the trust manager observing every certificate check made through it.
 */
public record ClientTls(TlsEngine engine, SslContext context, ObservingTrustManager observer) {

    /** Client sessions kept per context; one entry per simulated endpoint when resumption is on. */
    public static final int DEFAULT_SESSION_CACHE = 1024;

    /**
     * Builds a TLS 1.3 client context.
     *
     * @param trustManager the validating trust manager (does its own hostname check from the engine's peer host)
     * @param reasonOf     maps the trust manager's rejection to a reason code name
     * @param engineHostnameCheck whether the engine itself checks the host name ({@code HTTPS} endpoint
     *                     identification); off when the trust manager is the project's validator, so
     *                     that the validator alone decides and names the reason
     * @param resumption   keep client sessions for resumption (BoringSSL's client cache is off unless asked)
     */
    public static ClientTls build(TlsEngine engine, KeyExchangeGroup group, X509ExtendedTrustManager trustManager,
                                  Function<CertificateException, String> reasonOf, boolean engineHostnameCheck, boolean resumption,
                                  int sessionCacheSize, String... protocols) throws SSLException {
        if (!engine.isAvailable()) {
            throw new IllegalStateException("TLS engine " + engine + " is not available in this JVM");
        }
        ObservingTrustManager observer = new ObservingTrustManager(trustManager, reasonOf);
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(engine.sslProvider())
                .trustManager(observer)
                .protocols(protocols.length == 0 ? new String[]{"TLSv1.3"} : protocols)
                .sessionCacheSize(sessionCacheSize)
                .endpointIdentificationAlgorithm(engineHostnameCheck ? "HTTPS" : null);
        group.apply(builder, engine);
        SslContext context = builder.build();
        if (context.sessionContext() instanceof OpenSslSessionContext openSsl) {
            openSsl.setSessionCacheEnabled(resumption);
        }
        return new ClientTls(engine, context, observer);
    }

    /**
     * The JDK's PKIX trust manager over the given roots with hostname verification: the reference
     * validation used to cross-check targets (rejections are reported as {@code CERTIFICATE_REJECTED}).
     */
    public static X509ExtendedTrustManager pkix(Collection<X509Certificate> roots) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate root : roots) {
                store.setCertificateEntry("root-" + i++, root);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("the JDK offers no X509ExtendedTrustManager");
        } catch (java.security.GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build a trust store from " + roots.size() + " roots", e);
        }
    }
}
