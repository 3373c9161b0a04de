package io.tlslab.ca.output;

import io.tlslab.ca.store.KeyStores;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Most scenarios of a set trust the same root, and a PKCS#12 store costs tens of milliseconds of
 * password-based encryption: encode each distinct (type, anchors) store once per set.
 */
final class TrustStoreCache {
    private record Key(KeyStores.Type type, List<X509Certificate> anchors) {}

    private final Map<Key, byte[]> encoded = new ConcurrentHashMap<>();

    byte[] bytes(KeyStores.Type type, List<X509Certificate> anchors, char[] password) {
        return encoded.computeIfAbsent(
                new Key(type, List.copyOf(anchors)), k -> KeyStores.encodeTrustStore(k.type(), k.anchors(), password));
    }
}
