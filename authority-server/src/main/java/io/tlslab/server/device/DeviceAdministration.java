package io.tlslab.server.device;

import io.tlslab.server.command.DeviceAdmin;
import io.tlslab.server.messaging.SessionHub;
import io.tlslab.server.store.DeviceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The device use cases over the registry, the identities and the connections: list, retire, delete.
 * The console and the CLI both call these, so a retire through either revokes the credential.
 */
public final class DeviceAdministration implements DeviceAdmin {
    private final DeviceRegistry registry;
    private final DeviceIdentity identity;
    private final SessionHub connections;

    public DeviceAdministration(DeviceRegistry registry, DeviceIdentity identity, SessionHub connections) {
        this.registry = registry;
        this.identity = identity;
        this.connections = connections;
    }

    @Override
    public List<Listed> all() {
        List<Listed> out = new ArrayList<>(registry.all().stream()
                .map((DeviceRecord d) -> new Listed(
                        d.guid(),
                        identity.isRegistered(d.guid()),
                        identity.isRetired(d.guid()),
                        d.address(),
                        d.version()))
                .toList());
        // retired devices have no record any more; listed so that an admin can find and delete them
        for (String guid : identity.retired()) {
            if (!registry.isKnown(guid)) {
                out.add(new Listed(guid, identity.isRegistered(guid), true, "-", "-"));
            }
        }
        return out;
    }

    @Override
    public Optional<Retired> retire(String guid) {
        if (!registry.isKnown(guid)) {
            return Optional.empty();
        }
        // revoked before the disconnect, so that an immediate reconnect is already refused
        identity.retire(guid);
        boolean disconnected = connections.disconnect(guid, "retired by an administrator");
        registry.remove(guid);
        return Optional.of(new Retired(guid, disconnected));
    }

    @Override
    public boolean delete(String guid) {
        identity.forget(guid);
        return registry.delete(guid);
    }
}
