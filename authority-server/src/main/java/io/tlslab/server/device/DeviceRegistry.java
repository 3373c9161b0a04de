package io.tlslab.server.device;

import io.tlslab.protocol.text.Untrusted;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import io.tlslab.protocol.wire.Message;
import io.tlslab.server.store.DeviceRecord;
import io.tlslab.server.store.Store;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devices the server has seen, with their last connection and audit. Kept in memory and written
 * behind to the database in batches ({@link #flush}), because thousands of endpoints reconnecting
 * must not turn into thousands of transactions per second.
 */
public final class DeviceRegistry {
    private static final Logger log = LoggerFactory.getLogger(DeviceRegistry.class);

    private final Store store;
    private final Map<String, DeviceRecord> devices = new ConcurrentHashMap<>();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final Set<String> connected = ConcurrentHashMap.newKeySet();

    public DeviceRegistry(Store store) {
        this.store = store;
        for (DeviceRecord d : store.tx(store.devices()::all)) {
            devices.put(d.guid(), d);
        }
    }

    /** A peer said HELLO after a successful handshake. */
    public void connected(Message.Hello hello, String address, String engine, String protocol) {
        devices.compute(
                hello.guid(),
                (guid, old) -> new DeviceRecord(
                        guid,
                        hello.role().name(),
                        hello.version().toString(),
                        address,
                        OffsetDateTime.now(),
                        Outcome.accepted(),
                        engine,
                        protocol,
                        old == null ? null : old.auditHost(),
                        old == null ? null : old.auditLeafSha1(),
                        old == null ? List.of() : old.auditFindings()));
        connected.add(hello.guid());
        dirty.add(hello.guid());
    }

    public void disconnected(String guid) {
        connected.remove(guid);
    }

    /** A non-strict endpoint reported what strict validation would reject. */
    public void audit(String guid, Message.AuditReport report) {
        devices.computeIfPresent(
                guid,
                (g, d) -> new DeviceRecord(
                        g,
                        d.role(),
                        d.version(),
                        d.address(),
                        OffsetDateTime.now(),
                        d.lastOutcome(),
                        d.engine(),
                        d.tlsProtocol(),
                        report.dialledHost(),
                        report.leafSha1(),
                        report.failedChecks()));
        dirty.add(guid);
    }

    /** Deletes the device's record and its identity (it may register again as a new device). */
    public boolean delete(String guid) {
        boolean existed = remove(guid);
        return store.tx(c -> store.deviceCredentials().delete(c, guid)) || existed;
    }

    public boolean isConnected(String guid) {
        return connected.contains(guid);
    }

    public List<DeviceRecord> all() {
        return devices.values().stream()
                .sorted(Comparator.comparing(DeviceRecord::guid))
                .collect(Collectors.toList());
    }

    /**
     * What strict validation would conclude for this device now: ACCEPT, or REJECT with the primary
     * reason (the first failing code in {@link ReasonCode} order), from its last audit.
     */
    public static Readiness strictReadiness(DeviceRecord d) {
        if (d.auditFindings().isEmpty()) {
            return d.auditLeafSha1() == null ? Readiness.UNKNOWN : Readiness.ACCEPT;
        }
        return Readiness.rejected(EnumSet.copyOf(d.auditFindings()).iterator().next());
    }

    public boolean isKnown(String guid) {
        return devices.containsKey(guid);
    }

    /**
     * Forgets a device, in memory and in the store (an admin's retire or delete). The caller closes
     * its connection first; a device that connects again afterwards is registered anew.
     */
    public boolean remove(String guid) {
        DeviceRecord gone = devices.remove(guid);
        dirty.remove(guid);
        connected.remove(guid);
        store.tx(c -> {
            store.devices().delete(c, guid);
            return null;
        });
        return gone != null;
    }

    /** Writes changed devices in one transaction. */
    public void flush() {
        if (dirty.isEmpty()) {
            return;
        }
        List<DeviceRecord> batch = new ArrayList<>();
        for (String guid : List.copyOf(dirty)) {
            dirty.remove(guid);
            DeviceRecord d = devices.get(guid);
            if (d != null) {
                batch.add(d);
            }
        }
        try {
            store.tx(c -> {
                store.devices().putAll(c, batch);
                return null;
            });
        } catch (RuntimeException batchFailed) {
            // One record the database refuses must not hold every other device's update back
            // forever: save them one by one, and keep for retry only those that fail alone.
            int failed = 0;
            for (DeviceRecord d : batch) {
                try {
                    store.tx(c -> {
                        store.devices().putAll(c, List.of(d));
                        return null;
                    });
                } catch (RuntimeException e) {
                    failed++;
                    dirty.add(d.guid());
                }
            }
            log.warn(
                    "could not save {} of {} device updates, will retry: {}",
                    failed,
                    batch.size(),
                    Untrusted.escape(batchFailed.getMessage()));
        }
    }
}
