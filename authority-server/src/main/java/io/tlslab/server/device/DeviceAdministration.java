package io.tlslab.server.device;

import io.tlslab.server.command.DeviceAdmin;
import io.tlslab.server.store.DeviceRecord;
import java.util.List;

/** The device commands over the registry and the identities: list, retire, delete. */
public final class DeviceAdministration implements DeviceAdmin {
    private final DeviceRegistry registry;
    private final DeviceIdentity identity;

    public DeviceAdministration(DeviceRegistry registry, DeviceIdentity identity) {
        this.registry = registry;
        this.identity = identity;
    }

    @Override
    public List<Listed> all() {
        return registry.all().stream()
                .map((DeviceRecord d) -> new Listed(
                        d.guid(),
                        identity.isRegistered(d.guid()),
                        identity.isRetired(d.guid()),
                        d.address(),
                        d.version()))
                .toList();
    }

    @Override
    public boolean retire(String guid) {
        if (!registry.isKnown(guid)) {
            return false;
        }
        identity.retire(guid);
        return true;
    }

    @Override
    public boolean delete(String guid) {
        identity.forget(guid);
        return registry.delete(guid);
    }
}
