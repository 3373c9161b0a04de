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
 */
public record TlsOptions(List<String> protocols, List<String> groups, Duration handshakeTimeout) {

    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    public TlsOptions {
        protocols = List.copyOf(protocols);
        groups = List.copyOf(groups);
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
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
        return new TlsOptions(DEFAULT_PROTOCOLS, List.of(), Duration.ofSeconds(10));
    }

    public TlsOptions withProtocols(List<String> protocols) {
        return new TlsOptions(protocols, groups, handshakeTimeout);
    }

    public TlsOptions withGroups(List<String> groups) {
        return new TlsOptions(protocols, groups, handshakeTimeout);
    }

    public TlsOptions withHandshakeTimeout(Duration timeout) {
        return new TlsOptions(protocols, groups, timeout);
    }
}
