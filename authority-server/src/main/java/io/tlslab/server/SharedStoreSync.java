package io.tlslab.server;

import io.tlslab.protocol.settings.Fingerprint;
import io.tlslab.protocol.text.Untrusted;
import io.tlslab.server.cert.KeystoreCodec;
import io.tlslab.server.properties.SystemSettings;
import io.tlslab.server.store.KeystoreRepository;
import io.tlslab.server.store.Store;
import io.tlslab.server.store.StoredKeystore;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For servers that share one database: what the other servers changed there reaches this one.
 *
 * <ul>
 *   <li>System settings are the environment's (one row per key): a {@code setting.set system} run on
 *       another server is picked up here and pushed to this server's endpoints too.
 *   <li>The certificates the other servers of the database present are members of the environment
 *       on 4288: whoever can write that database is already one of its servers, so two servers on one
 *       database replicate to each other from their first start, self-signed or not.
 * </ul>
 *
 * Polled (a small query every few seconds) rather than notified, so it works the same on H2 in
 * server mode and on PostgreSQL.
 */
final class SharedStoreSync implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(SharedStoreSync.class);

    private final Store store;
    private final SystemSettings settings;
    /** The leaf fingerprint of each keystore row of the other servers, by row version. */
    private final Map<KeystoreRepository.Installed, Fingerprint> peerLeaves = new HashMap<>();

    private volatile Set<Fingerprint> members = Set.of();

    SharedStoreSync(Store store, SystemSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** The leaf certificates (SHA-256) the other servers of this database present or may present. */
    Set<Fingerprint> peerCertificates() {
        return members;
    }

    @Override
    public synchronized void run() {
        try {
            // certificates first: once a setting saved elsewhere is in effect here, so are the
            // certificates the servers held at that moment (what a caller waiting on the setting relies on)
            syncPeerCertificates();
            syncSettings();
        } catch (RuntimeException e) {
            log.warn("reading the shared database failed: {}", e.getMessage());
        }
    }

    private void syncSettings() {
        Map<String, String> stored = store.tx(store.settings()::all);
        Map<String, String> running = settings.savedValues();
        stored.forEach((key, value) -> {
            if (!value.equals(running.get(key))) {
                log.info(
                        "system setting {} = {} read from the shared database (saved by a server of it): now in effect here",
                        Untrusted.escape(key),
                        Untrusted.escape(value, 120));
                settings.applySaved(key, value);
            }
        });
        for (String key : running.keySet()) {
            if (!stored.containsKey(key)) {
                log.info(
                        "system setting {} no longer in the shared database (removed by a server of it): removed here",
                        Untrusted.escape(key));
                settings.removeSaved(key);
            }
        }
    }

    private void syncPeerCertificates() {
        List<KeystoreRepository.Installed> rows = store.tx(store.keystores()::others);
        peerLeaves.keySet().retainAll(new HashSet<>(rows));
        for (KeystoreRepository.Installed row : rows) {
            if (!peerLeaves.containsKey(row)) {
                store.tx(c -> store.keystores().other(c, row)).ifPresent(k -> peerLeaves.put(row, leafOf(k)));
            }
        }
        members = Set.copyOf(peerLeaves.values());
    }

    private static Fingerprint leafOf(StoredKeystore k) {
        return KeystoreCodec.fromPkcs12(k.pkcs12(), k.password()).leafSha256();
    }
}
