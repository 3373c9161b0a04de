package io.tlslab.server.cert;

import io.tlslab.client.tls.TlsEngine;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSslCachingX509KeyManagerFactory;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProtocols;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;

/** Builds the server-side TLS contexts of the listeners: TLS 1.2 and 1.3, the pinned key. */
public final class ServerTls {
    private ServerTls() {
    }

    public static SslContext serverContext(ServedIdentity identity, TlsEngine engine) throws SSLException {
        return builder(identity, engine).build();
    }

    /** A server context that requires a client certificate and judges it with {@code trust}. */
    public static SslContext mutualServerContext(ServedIdentity identity, TlsEngine engine, TrustManager trust)
            throws SSLException {
        return builder(identity, engine).clientAuth(ClientAuth.REQUIRE).trustManager(trust).build();
    }

    /** A client context that presents {@code identity} and judges the server with {@code trust}. */
    public static SslContext mutualClientContext(ServedIdentity identity, TlsEngine engine, TrustManager trust)
            throws SSLException {
        return SslContextBuilder.forClient()
                .sslProvider(engine.sslProvider())
                .protocols(SslProtocols.TLS_v1_3, SslProtocols.TLS_v1_2)
                .keyManager(keyManagers(identity, engine))
                .trustManager(trust)
                .build();
    }

    private static SslContextBuilder builder(ServedIdentity identity, TlsEngine engine) {
        return SslContextBuilder.forServer(keyManagers(identity, engine))
                .sslProvider(engine.sslProvider())
                .protocols(SslProtocols.TLS_v1_3, SslProtocols.TLS_v1_2);
    }

    /**
     * The pinned key manager; for OpenSSL wrapped in Netty's caching factory, which converts the key
     * and chain to native form once instead of on every handshake (the alias never changes).
     */
    private static KeyManagerFactory keyManagers(ServedIdentity identity, TlsEngine engine) {
        KeyManagerFactory pinned = new PinnedKeyManagerFactory(new PinnedKeyManager(identity));
        return engine == TlsEngine.OPENSSL ? new OpenSslCachingX509KeyManagerFactory(pinned) : pinned;
    }
}
