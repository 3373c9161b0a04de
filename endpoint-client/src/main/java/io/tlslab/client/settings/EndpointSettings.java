package io.tlslab.client.settings;

import io.tlslab.protocol.settings.FingerprintList;
import io.tlslab.protocol.settings.PropertyKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The system settings an endpoint acts on (SPEC §5): whether to validate the server strictly and
 * which leaf fingerprints to trust regardless. Received from the server, persisted, and used from
 * the first byte of the next connection.
 */
public record EndpointSettings(boolean strictValidation, FingerprintList trustedFingerprints) {

    private static final EndpointSettings DEFAULTS = new EndpointSettings(false, FingerprintList.empty());

    public EndpointSettings {
        Objects.requireNonNull(trustedFingerprints, "trustedFingerprints");
    }

    /** What a fresh endpoint uses: non-strict, empty allowlist. */
    public static EndpointSettings defaults() {
        return DEFAULTS;
    }

    public EndpointSettings withStrictValidation(boolean strict) {
        return new EndpointSettings(strict, trustedFingerprints);
    }

    public EndpointSettings withTrustedFingerprints(FingerprintList list) {
        return new EndpointSettings(strictValidation, list);
    }

    /**
     * Applies a settings message: keys it carries replace the current values (aliases accepted),
     * keys it lacks keep theirs, unrelated keys are ignored.
     *
     * @throws IllegalArgumentException if a known key has a malformed value; the whole message is
     *     then refused, so an endpoint never acts on half a change
     */
    public EndpointSettings apply(Map<String, String> values) {
        EndpointSettings result = this;
        for (Map.Entry<String, String> e : values.entrySet()) {
            PropertyKey key = PropertyKey.lookup(e.getKey()).orElse(null);
            if (key == PropertyKey.STRICT_VALIDATION) {
                result = result.withStrictValidation(Boolean.parseBoolean(key.normalise(e.getValue())));
            } else if (key == PropertyKey.TRUSTED_FINGERPRINTS) {
                result = result.withTrustedFingerprints(FingerprintList.parse(e.getValue()));
            }
        }
        return result;
    }

    /** The canonical key/value form, as sent on the wire and written to disk. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(PropertyKey.STRICT_VALIDATION.key(), Boolean.toString(strictValidation));
        map.put(PropertyKey.TRUSTED_FINGERPRINTS.key(), trustedFingerprints.toString());
        return map;
    }
}
