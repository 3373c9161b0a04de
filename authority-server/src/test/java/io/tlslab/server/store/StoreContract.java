package io.tlslab.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.protocol.settings.Fingerprint;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import java.time.OffsetDateTime;
import java.util.List;

/** Writes then reads one of everything: shared by the H2 and PostgreSQL tests. */
final class StoreContract {
    private static final Fingerprint AUDITED_LEAF = Fingerprint.sha1(new byte[] {7});

    private StoreContract() {}

    static void writeEverything(Store store) {
        store.tx(c -> {
            store.properties()
                    .put(
                            c,
                            new StoredProperty(
                                    "c42.a", "true", StoredProperty.PersistedScope.SAVED, "s1", OffsetDateTime.now()));
            store.properties()
                    .put(
                            c,
                            new StoredProperty(
                                    "c42.a",
                                    "false",
                                    StoredProperty.PersistedScope.REPLICATED,
                                    "s2",
                                    OffsetDateTime.now()));
            store.properties()
                    .put(
                            c,
                            new StoredProperty(
                                    "c42.gone", "x", StoredProperty.PersistedScope.SAVED, "s1", OffsetDateTime.now()));
            store.properties().delete(c, "c42.gone");
            store.settings().put(c, "c42.sabre.client.certificate.strictValidation", "false");
            store.settings().put(c, "c42.sabre.client.certificate.strictValidation", "true");
            store.keystores()
                    .put(
                            c,
                            new StoredKeystore(
                                    "console",
                                    StoredKeystore.Origin.INSTALLED,
                                    new byte[] {1, 2, 3},
                                    "pw".toCharArray(),
                                    OffsetDateTime.now()));
            // written twice: the second write updates the row the first one inserted, every column of it
            store.devices()
                    .putAll(
                            c,
                            List.of(new DeviceRecord(
                                    "guid-1",
                                    "PEER",
                                    "5.4",
                                    "127.0.0.2:4000",
                                    OffsetDateTime.now().minusDays(1),
                                    Outcome.rejected(ReasonCode.EXPIRED),
                                    "JDK",
                                    "TLSv1.2",
                                    null,
                                    null,
                                    List.of())));
            store.devices()
                    .putAll(
                            c,
                            List.of(new DeviceRecord(
                                    "guid-1",
                                    "ENDPOINT",
                                    "6.0",
                                    "127.0.0.1:5000",
                                    OffsetDateTime.now(),
                                    Outcome.accepted(),
                                    "OPENSSL",
                                    "TLSv1.3",
                                    "localhost",
                                    AUDITED_LEAF,
                                    List.of(ReasonCode.SELF_SIGNED, ReasonCode.EXPIRED))));
            store.deviceCredentials().put(c, "guid-1", new DeviceCredentialRepository.Identity("first", false));
            store.deviceCredentials().put(c, "guid-1", new DeviceCredentialRepository.Identity("second", true));
            store.admins().create(c, "admin", "hash");
            store.meta().serverId(c);
            return null;
        });
        // the outbox: sequences counted per origin from 1, entries read back oldest first
        for (String value : new String[] {"one", null, "three"}) {
            store.tx(c -> {
                long seq = store.replicationOutbox().nextSequence(c, "s1");
                store.replicationOutbox()
                        .enqueue(
                                c,
                                new ReplicationOutboxRepository.OutboxEntry(
                                        "peer:4288", seq, "s1", "c42.q", value, OffsetDateTime.now()));
                return null;
            });
        }
        store.tx(c -> store.replicationOutbox().remove(c, "peer:4288", 1));
    }

    static void readEverything(Store store) {
        store.tx(c -> {
            StoredProperty a = store.properties().all(c).get("c42.a");
            assertThat(a.value()).isEqualTo("false");
            assertThat(a.scope()).isEqualTo(StoredProperty.PersistedScope.REPLICATED);
            assertThat(store.properties().all(c)).doesNotContainKey("c42.gone");
            assertThat(store.settings().all(c)).containsEntry("c42.sabre.client.certificate.strictValidation", "true");
            StoredKeystore k = store.keystores().find(c, "console").orElseThrow();
            assertThat(k.pkcs12()).containsExactly(1, 2, 3);
            assertThat(new String(k.password())).isEqualTo("pw");
            assertThat(store.devices().all(c)).hasSize(1);
            DeviceRecord d = store.devices().all(c).get(0);
            assertThat(d)
                    .extracting(
                            DeviceRecord::role,
                            DeviceRecord::version,
                            DeviceRecord::address,
                            DeviceRecord::engine,
                            DeviceRecord::tlsProtocol,
                            DeviceRecord::auditHost)
                    .containsExactly("ENDPOINT", "6.0", "127.0.0.1:5000", "OPENSSL", "TLSv1.3", "localhost");
            assertThat(d.auditFindings()).containsExactly(ReasonCode.SELF_SIGNED, ReasonCode.EXPIRED);
            assertThat(d.lastOutcome()).isEqualTo(Outcome.accepted());
            assertThat(d.auditLeafSha1()).isEqualTo(AUDITED_LEAF);
            assertThat(store.deviceCredentials().all(c))
                    .containsExactly(
                            java.util.Map.entry("guid-1", new DeviceCredentialRepository.Identity("second", true)));
            assertThat(store.admins().passwordHash(c, "admin")).contains("hash");
            assertThat(store.admins().count(c)).isEqualTo(1);
            String id = store.meta().serverId(c);
            assertThat(store.meta().serverId(c)).isEqualTo(id);
            assertThat(store.replicationOutbox().oldest(c, "peer:4288", 10))
                    .extracting(
                            ReplicationOutboxRepository.OutboxEntry::sequence,
                            ReplicationOutboxRepository.OutboxEntry::value)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(2L, null),
                            org.assertj.core.groups.Tuple.tuple(3L, "three"));
            assertThat(store.replicationOutbox().depths(c)).containsExactly(java.util.Map.entry("peer:4288", 2L));
            assertThat(store.replicationOutbox().nextSequence(c, "s1")).isEqualTo(4);
            assertThat(store.replicationOutbox().nextSequence(c, "s2"))
                    .as("per origin")
                    .isEqualTo(1);
            return null;
        });
    }
}
