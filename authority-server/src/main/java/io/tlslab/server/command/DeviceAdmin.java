package io.tlslab.server.command;

import java.util.List;
import java.util.Optional;

/** What the device commands ({@code device.list}, {@code device.retire}, {@code device.del}) act on. */
public interface DeviceAdmin {

    /** One device as listed: GUID, whether it proved a credential, whether it is retired. */
    record Listed(String guid, boolean registered, boolean retired, String address, String version) {}

    List<Listed> all();

    /** A retired device, and whether it was connected (and so was disconnected). */
    record Retired(String guid, boolean disconnected) {}

    /**
     * Revokes the device's credential (every later HELLO with its GUID is refused until an admin
     * deletes it), disconnects it and forgets its record. The one retire of the console and the CLI.
     *
     * @return empty when no such device
     */
    Optional<Retired> retire(String guid);

    /** @return false when no such device */
    boolean delete(String guid);

    static DeviceAdmin none() {
        return new DeviceAdmin() {
            @Override
            public List<Listed> all() {
                return List.of();
            }

            @Override
            public Optional<Retired> retire(String guid) {
                return Optional.empty();
            }

            @Override
            public boolean delete(String guid) {
                return false;
            }
        };
    }
}
