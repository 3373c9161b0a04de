package io.tlslab.ca.scenario;

import io.tlslab.ca.KeySpec;

import java.security.KeyPair;
import java.util.HashMap;
import java.util.Map;

/**
 * Hands out key pairs by role ("slot") and type. Key generation dominates minting time (an RSA-2048
 * key costs about as much as minting every certificate of the catalogue), so with reuse on, each
 * (slot, type) is generated once, lazily, and shared by every scenario that does not need a key of
 * its own. Distinct slots keep issuer and subject keys apart so no certificate is accidentally
 * signed by its own key.
 */
final class KeyPool {
    private final boolean reuse;
    private final Map<String, KeyPair> keys = new HashMap<>();
    private int generated;

    KeyPool(boolean reuse) {
        this.reuse = reuse;
    }

    synchronized KeyPair get(String slot, KeySpec spec) {
        if (!reuse) {
            generated++;
            return spec.generate();
        }
        return keys.computeIfAbsent(slot + "/" + spec, k -> {
            generated++;
            return spec.generate();
        });
    }

    synchronized int generated() {
        return generated;
    }
}
