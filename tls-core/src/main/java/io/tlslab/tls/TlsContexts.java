package io.tlslab.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSslCachingX509KeyManagerFactory;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProtocols;
import io.tlslab.tls.identity.PinnedKeyManager;
import io.tlslab.tls.identity.PinnedKeyManagerFactory;
import io.tlslab.tls.identity.ServedIdentity;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place tlslab makes a Netty {@link SslContext}, in the style of {@link SslContextBuilder}'s
 * {@code forClient()/forServer()}: TLS 1.3 and 1.2 only, the engine chosen by {@link TlsEngine}.
 *
 * <p>Client contexts: the only certificate authority is tlslab's trust manager. Why each setting:
 * <ul>
 *   <li>The trust manager is an {@link X509ExtendedTrustManager}: the JDK wraps a plain
 *       {@code X509TrustManager} in a checker that applies {@code jdk.certpath.disabledAlgorithms}
 *       first, so MD5/SHA-1 chains would be refused by the JDK with its own message before tlslab
 *       decides. Extended trust managers are called as they are, by both engines.</li>
 *   <li>Endpoint identification is switched off in the engine (Netty 4.2 turns on {@code HTTPS} for
 *       clients by default): hostname matching is one of tlslab's checks with its own reason code,
 *       and BoringSSL's built-in matcher would otherwise fail the handshake first.</li>
 *   <li>The handler is created with the dialled host, so the trust manager sees it through
 *       {@link SSLEngine#getPeerHost()} and SNI carries it.</li>
 * </ul>
 */
public final class TlsContexts {
    private static final Logger log = LoggerFactory.getLogger(TlsContexts.class);

    /** {@code SSLParameters.setNamedGroups} exists from Java 20; on 17 the JDK reads {@code jdk.tls.namedGroups}. */
    private static final MethodHandle SET_NAMED_GROUPS = findSetNamedGroups();
    /** The Java 17 fallback is process-wide: say so once, not on every connection of a fleet. */
    private static final java.util.concurrent.atomic.AtomicBoolean GROUPS_WARNED =
            new java.util.concurrent.atomic.AtomicBoolean();

    private TlsContexts() {}

    /** A client context judged by {@code trustManager} alone (see the class comment). */
    public static SslContext client(TlsEngine engine, X509ExtendedTrustManager trustManager, TlsOptions options)
            throws SSLException {
        if (!engine.isAvailable()) {
            throw new SSLException(engine.unavailabilityReason());
        }
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(engine.sslProvider())
                .trustManager(trustManager)
                .endpointIdentificationAlgorithm(null)
                .protocols(options.protocols());
        if (engine == TlsEngine.OPENSSL && !options.groups().isEmpty()) {
            builder.option(OpenSslContextOption.GROUPS, options.groups().toArray(new String[0]));
        }
        TlsOptions.SessionCache cache = options.sessionCache();
        if (cache.size() > 0) {
            builder.sessionCacheSize(cache.size());
        }
        SslContext context = builder.build();
        if (cache.size() > 0 && context.sessionContext() instanceof OpenSslSessionContext openSsl) {
            openSsl.setSessionCacheEnabled(cache.resumption());
        }
        return context;
    }

    /** A handler for one connection to {@code dialHost}, with the handshake timeout applied. */
    public static SslHandler newHandler(
            SslContext context,
            TlsEngine engine,
            TlsOptions options,
            ByteBufAllocator alloc,
            String dialHost,
            int port) {
        SslHandler handler = context.newHandler(alloc, dialHost, port);
        handler.setHandshakeTimeoutMillis(options.handshakeTimeout().toMillis());
        if (engine == TlsEngine.JDK && !options.groups().isEmpty()) {
            applyJdkGroups(handler.engine(), options);
        }
        return handler;
    }

    /** A server context presenting {@code identity} exactly as given (broken chains included, on purpose). */
    public static SslContext server(ServedIdentity identity, TlsEngine engine) throws SSLException {
        return serverBuilder(identity, engine).build();
    }

    /** A server context as {@link #server(ServedIdentity, TlsEngine)}, offering {@code options}' protocols and groups. */
    public static SslContext server(ServedIdentity identity, TlsEngine engine, TlsOptions options) throws SSLException {
        SslContextBuilder builder = serverBuilder(identity, engine).protocols(options.protocols());
        if (engine == TlsEngine.OPENSSL && !options.groups().isEmpty()) {
            builder.option(OpenSslContextOption.GROUPS, options.groups().toArray(new String[0]));
        }
        return builder.build();
    }

    /** A server context that requires a client certificate and judges it with {@code trust}. */
    public static SslContext mutualServer(ServedIdentity identity, TlsEngine engine, TrustManager trust)
            throws SSLException {
        return serverBuilder(identity, engine)
                .clientAuth(ClientAuth.REQUIRE)
                .trustManager(trust)
                .build();
    }

    /** A client context that presents {@code identity} and judges the server with {@code trust}. */
    public static SslContext mutualClient(ServedIdentity identity, TlsEngine engine, TrustManager trust)
            throws SSLException {
        return SslContextBuilder.forClient()
                .sslProvider(engine.sslProvider())
                .protocols(SslProtocols.TLS_v1_3, SslProtocols.TLS_v1_2)
                .keyManager(keyManagers(identity, engine))
                .trustManager(trust)
                .build();
    }

    private static SslContextBuilder serverBuilder(ServedIdentity identity, TlsEngine engine) {
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

    private static void applyJdkGroups(SSLEngine engine, TlsOptions options) {
        if (SET_NAMED_GROUPS == null) {
            // Java 17: the only knob is the process-wide property, read when JSSE initialises
            String property = System.getProperty("jdk.tls.namedGroups");
            if ((property == null || !sameGroups(property, options)) && GROUPS_WARNED.compareAndSet(false, true)) {
                log.warn(
                        "key-exchange groups {} cannot be set per connection on Java {}: start the JVM with"
                                + " -Djdk.tls.namedGroups={}",
                        options.groups(),
                        Runtime.version().feature(),
                        String.join(
                                ",",
                                options.groups().stream()
                                        .map(KeyExchangeGroup::jdkName)
                                        .toList()));
            }
            return;
        }
        SSLParameters params = engine.getSSLParameters();
        try {
            SET_NAMED_GROUPS.invoke(params, (Object)
                    options.groups().stream().map(KeyExchangeGroup::jdkName).toArray(String[]::new));
        } catch (Throwable e) {
            throw new IllegalArgumentException(
                    "JDK refuses key-exchange groups " + options.groups() + ": " + e.getMessage(), e);
        }
        engine.setSSLParameters(params);
    }

    private static boolean sameGroups(String property, TlsOptions options) {
        return property.replace(" ", "")
                .equalsIgnoreCase(String.join(
                        ",",
                        options.groups().stream().map(KeyExchangeGroup::jdkName).toList()));
    }

    private static MethodHandle findSetNamedGroups() {
        try {
            return MethodHandles.publicLookup()
                    .findVirtual(
                            SSLParameters.class, "setNamedGroups", MethodType.methodType(void.class, String[].class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }
}
