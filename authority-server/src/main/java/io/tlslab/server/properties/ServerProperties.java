package io.tlslab.server.properties;

import io.tlslab.protocol.settings.PropertyKey;
import io.tlslab.server.store.StoredProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The server properties in effect: a runtime override (lost on restart) wins over a persisted
 * value (saved or replicated), which wins over the key's default. Writers persist first and then
 * call the {@code apply*} methods, so memory never holds what the database does not.
 */
public final class ServerProperties {
    private final Map<String, String> runtime = new ConcurrentHashMap<>();
    private final Map<String, StoredProperty> persisted = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    public ServerProperties(Map<String, StoredProperty> loaded) {
        persisted.putAll(loaded);
    }

    /** Called with the canonical key after every change of an effective value. */
    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    public EffectiveValue effective(String key) {
        String r = runtime.get(key);
        if (r != null) {
            return new EffectiveValue(key, r, ValueSource.RUNTIME);
        }
        StoredProperty p = persisted.get(key);
        if (p != null) {
            return new EffectiveValue(
                    key,
                    p.value(),
                    p.scope() == StoredProperty.PersistedScope.SAVED ? ValueSource.SAVED : ValueSource.REPLICATED);
        }
        String def = PropertyKey.lookup(key).map(PropertyKey::defaultValue).orElse("");
        return new EffectiveValue(key, def, ValueSource.DEFAULT);
    }

    public String value(PropertyKey key) {
        return effective(key.key()).value();
    }

    public boolean booleanValue(PropertyKey key) {
        return Boolean.parseBoolean(value(key));
    }

    /** Known server properties plus every key with a value, sorted. */
    public List<EffectiveValue> all() {
        TreeSet<String> keys = new TreeSet<>(runtime.keySet());
        keys.addAll(persisted.keySet());
        for (PropertyKey k : PropertyKey.values()) {
            if (k.scope() == PropertyKey.Scope.SERVER_PROPERTY) {
                keys.add(k.key());
            }
        }
        List<EffectiveValue> result = new ArrayList<>();
        keys.forEach(k -> result.add(effective(k)));
        return result;
    }

    public Optional<StoredProperty> persisted(String key) {
        return Optional.ofNullable(persisted.get(key));
    }

    public void applyRuntime(String key, String value) {
        runtime.put(key, value);
        fire(key);
    }

    /** A value now persisted: the runtime override, if any, is dropped so the saved value shows. */
    public void applyPersisted(StoredProperty p) {
        runtime.remove(p.key());
        persisted.put(p.key(), p);
        fire(p.key());
    }

    public void removeRuntime(String key) {
        if (runtime.remove(key) != null) {
            fire(key);
        }
    }

    public void removePersisted(String key) {
        runtime.remove(key);
        persisted.remove(key);
        fire(key);
    }

    private void fire(String key) {
        listeners.forEach(l -> l.accept(key));
    }
}
