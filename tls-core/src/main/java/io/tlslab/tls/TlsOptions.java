package io.tlslab.tls;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Client TLS knobs.
 *
 * @param protocols TLS versions offered, e.g. {@code TLSv1.3, TLSv1.2}
 * @param groups key-exchange groups offered, in preference order (e.g. {@code X25519}); empty means
 *     the engine's default. Pin it when comparing engines: BoringSSL offers hybrid X25519MLKEM768 by
 *     default, which costs ~190 us per client handshake, while the JDK uses X25519.
 * @param handshakeTimeout how long a handshake may take before the connection is dropped
 * @param sessionCache client session cache and resumption; {@link SessionCache#ENGINE_DEFAULT} leaves
 *     the engine's own choice
 */
public record TlsOptions(
        List<String> protocols, List<String> groups, Duration handshakeTimeout, SessionCache sessionCache) {

    /**
     * Client sessions kept per context and whether they are offered for resumption. BoringSSL's
     * client cache is off unless asked, so a fleet that measures resumption sets it explicitly.
     *
     * @param size sessions kept (one per simulated endpoint when resuming); 0 = engine default
     * @param resumption offer cached sessions; ignored when {@code size} is 0
     */
    public record SessionCache(int size, boolean resumption) {
        public static final SessionCache ENGINE_DEFAULT = new SessionCache(0, false);
        /** Sessions kept per fleet context unless the fleet is larger. */
        public static final int DEFAULT_SIZE = 1024;

        public SessionCache {
            if (size < 0) {
                throw new IllegalArgumentException("session cache size must not be negative, got " + size);
            }
        }
    }

    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    public TlsOptions {
        protocols = List.copyOf(protocols);
        groups = List.copyOf(groups);
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(sessionCache, "sessionCache");
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("at least one TLS protocol version is needed");
        }
        for (String p : protocols) {
            if (!p.equals("TLSv1.3") && !p.equals("TLSv1.2")) {
                throw new IllegalArgumentException("unsupported TLS protocol '" + p + "': expected TLSv1.3 or TLSv1.2");
            }
        }
    }

    /** TLS 1.3 and 1.2, the engine's default groups, 10 s handshake timeout. */
    public static TlsOptions defaults() {
        return new TlsOptions(DEFAULT_PROTOCOLS, List.of(), Duration.ofSeconds(10), SessionCache.ENGINE_DEFAULT);
    }

    public TlsOptions withProtocols(List<String> protocols) {
        return new TlsOptions(protocols, groups, handshakeTimeout, sessionCache);
    }

    public TlsOptions withGroups(List<String> groups) {
        return new TlsOptions(protocols, groups, handshakeTimeout, sessionCache);
    }

    public TlsOptions withHandshakeTimeout(Duration timeout) {
        return new TlsOptions(protocols, groups, timeout, sessionCache);
    }

    public TlsOptions withGroup(KeyExchangeGroup group) {
        return withGroups(group.optionGroups());
    }

    public TlsOptions withSessionCache(SessionCache cache) {
        return new TlsOptions(protocols, groups, handshakeTimeout, cache);
    }
}
