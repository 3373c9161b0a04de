package io.tlslab.server.properties;

import io.tlslab.protocol.settings.PropertyKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** System settings in effect: saved values over defaults. Always persisted; pushed to endpoints. */
public final class SystemSettings {
    private final Map<String, String> saved = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    public SystemSettings(Map<String, String> loaded) {
        saved.putAll(loaded);
    }

    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    public EffectiveValue effective(String key) {
        String v = saved.get(key);
        if (v != null) {
            return new EffectiveValue(key, v, ValueSource.SAVED);
        }
        return new EffectiveValue(
                key, PropertyKey.lookup(key).map(PropertyKey::defaultValue).orElse(""), ValueSource.DEFAULT);
    }

    public boolean booleanValue(PropertyKey key) {
        return Boolean.parseBoolean(effective(key.key()).value());
    }

    public List<EffectiveValue> all() {
        TreeSet<String> keys = new TreeSet<>(saved.keySet());
        for (PropertyKey k : PropertyKey.values()) {
            if (k.scope() == PropertyKey.Scope.SYSTEM_SETTING) {
                keys.add(k.key());
            }
        }
        List<EffectiveValue> result = new ArrayList<>();
        keys.forEach(k -> result.add(effective(k)));
        return result;
    }

    /** Every saved setting, the unknown {@code c42.*} ones included: what endpoints receive. */
    public Map<String, String> savedValues() {
        return Map.copyOf(saved);
    }

    public void applySaved(String key, String value) {
        saved.put(key, value);
        listeners.forEach(l -> l.accept(key));
    }

    public void removeSaved(String key) {
        if (saved.remove(key) != null) {
            listeners.forEach(l -> l.accept(key));
        }
    }
}
