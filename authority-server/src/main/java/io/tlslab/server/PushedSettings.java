package io.tlslab.server;

import io.tlslab.protocol.settings.PropertyKey;
import io.tlslab.protocol.wire.Message;
import io.tlslab.server.properties.ServerProperties;
import io.tlslab.server.properties.SystemSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/** What every endpoint receives: strict validation, the allowlist, and any other saved setting. */
final class PushedSettings {
    private final SystemSettings settings;
    private final ServerProperties properties;

    PushedSettings(SystemSettings settings, ServerProperties properties) {
        this.settings = settings;
        this.properties = properties;
    }

    Message.Settings current() {
        Map<String, String> values = new LinkedHashMap<>(settings.savedValues());
        values.put(PropertyKey.STRICT_VALIDATION.key(), settings.effective(PropertyKey.STRICT_VALIDATION.key()).value());
        values.put(PropertyKey.TRUSTED_FINGERPRINTS.key(), properties.value(PropertyKey.TRUSTED_FINGERPRINTS));
        return new Message.Settings(values);
    }
}
