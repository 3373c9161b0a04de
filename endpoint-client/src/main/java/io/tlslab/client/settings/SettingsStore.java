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

    /** The credential the server issued to this device (device identity), or "" before registration. */
    default String deviceCredential() throws IOException {
        return "";
    }

    /** Keeps the credential the server issued; every later HELLO presents it. */
    default void saveDeviceCredential(String credential) throws IOException {
        throw new IOException(getClass().getSimpleName() + " cannot keep a device credential");
    }
}
