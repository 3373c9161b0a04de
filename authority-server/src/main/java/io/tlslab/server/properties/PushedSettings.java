package io.tlslab.server.properties;

import io.tlslab.protocol.settings.PropertyKey;
import io.tlslab.protocol.wire.Message;
import io.tlslab.protocol.wire.MessageCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What every endpoint receives: every saved system setting (unknown {@code c42.*} ones included),
 * strict validation, and the allowlist property. Also answers whether a change would still fit one
 * frame, so a value that would cut every endpoint off from its settings is refused before it is saved.
 */
public final class PushedSettings {
    private final SystemSettings settings;
    private final ServerProperties properties;

    public PushedSettings(SystemSettings settings, ServerProperties properties) {
        this.settings = settings;
        this.properties = properties;
    }

    public Message.Settings current() {
        return compose(settings.savedValues(), properties.value(PropertyKey.TRUSTED_FINGERPRINTS));
    }

    /**
     * Empty when the settings message would still fit a frame after this change, else one line why not.
     *
     * @param settingChanges system settings set (a {@code null} value: removed)
     * @param trustedFingerprints the allowlist value after the change
     */
    public Optional<String> whyWouldNotFit(Map<String, String> settingChanges, String trustedFingerprints) {
        Map<String, String> saved = new LinkedHashMap<>(settings.savedValues());
        settingChanges.forEach((k, v) -> {
            if (v == null) {
                saved.remove(k);
            } else {
                saved.put(k, v);
            }
        });
        try {
            MessageCodec.encode(compose(saved, trustedFingerprints));
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("the settings pushed to endpoints would not fit one message (" + e.getMessage()
                    + "); nothing was saved");
        }
    }

    public String trustedFingerprints() {
        return properties.value(PropertyKey.TRUSTED_FINGERPRINTS);
    }

    private Message.Settings compose(Map<String, String> saved, String trusted) {
        Map<String, String> values = new LinkedHashMap<>(saved);
        String strict =
                saved.getOrDefault(PropertyKey.STRICT_VALIDATION.key(), PropertyKey.STRICT_VALIDATION.defaultValue());
        values.put(PropertyKey.STRICT_VALIDATION.key(), strict);
        values.put(PropertyKey.TRUSTED_FINGERPRINTS.key(), trusted);
        return new Message.Settings(values);
    }
}
