package io.tlslab.client.settings;

import java.io.IOException;

/**
 * Where an endpoint keeps what must survive a restart: its GUID and the last settings it received.
 * Implementations are thread-safe.
 */
public interface SettingsStore {

    /** The endpoint's GUID, generated and persisted on first use. */
    String guid() throws IOException;

    /** The last settings saved, or {@link EndpointSettings#defaults()} if none were ever saved. */
    EndpointSettings load() throws IOException;

    /** Persists settings so that a crash at any moment leaves either the old or the new ones. */
    void save(EndpointSettings settings) throws IOException;
}
