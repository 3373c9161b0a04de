package io.tlslab.client.settings;

import java.util.Objects;
import java.util.UUID;

/**
 * A store that forgets on exit: for simulated fleets, where thousands of endpoints in one process
 * would otherwise each fsync files, and for tests.
 */
public final class InMemorySettingsStore implements SettingsStore {
    private final String guid;
    private volatile EndpointSettings settings;
    private volatile String deviceCredential = "";

    public InMemorySettingsStore() {
        this(UUID.randomUUID().toString(), EndpointSettings.defaults());
    }

    public InMemorySettingsStore(String guid, EndpointSettings initial) {
        this.guid = Objects.requireNonNull(guid, "guid");
        this.settings = Objects.requireNonNull(initial, "initial");
    }

    @Override
    public String guid() {
        return guid;
    }

    @Override
    public EndpointSettings load() {
        return settings;
    }

    @Override
    public void save(EndpointSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String deviceCredential() {
        return deviceCredential;
    }

    @Override
    public void saveDeviceCredential(String credential) {
        this.deviceCredential = Objects.requireNonNull(credential, "credential");
    }
}
