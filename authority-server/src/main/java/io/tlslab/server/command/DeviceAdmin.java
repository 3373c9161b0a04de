package io.tlslab.server.command;

import java.util.List;

/** What the device commands ({@code device.list}, {@code device.retire}, {@code device.del}) act on. */
public interface DeviceAdmin {

    /** One device as listed: GUID, whether it proved a credential, whether it is retired. */
    record Listed(String guid, boolean registered, boolean retired, String address, String version) {}

    List<Listed> all();

    /** @return false when no such device */
    boolean retire(String guid);

    /** @return false when no such device */
    boolean delete(String guid);

    static DeviceAdmin none() {
        return new DeviceAdmin() {
            @Override
            public List<Listed> all() {
                return List.of();
            }

            @Override
            public boolean retire(String guid) {
                return false;
            }

            @Override
            public boolean delete(String guid) {
                return false;
            }
        };
    }
}
