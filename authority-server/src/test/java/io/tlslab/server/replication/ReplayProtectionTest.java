package io.tlslab.server.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.protocol.wire.Message;
import io.tlslab.server.properties.ServerProperties;
import io.tlslab.server.store.Database;
import io.tlslab.server.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10 finding 7: replication had no replay check; an old update could roll a property back. */
class ReplayProtectionTest {
    private static final String KEY = "c42.sabre.server.certificate.useHttpsCertificate";

    @TempDir
    Path dir;

    @Test
    void aReplayedOrOlderUpdateIsRefusedAndTheCheckSurvivesARestart() {
        try (Store store = new Store(Database.embedded(dir))) {
            ServerProperties props = new ServerProperties(store.tx(store.properties()::all));
            ReplicationApplier applier = new ReplicationApplier(store, props, Clock.systemUTC());
            assertThat(applier.apply(new Message.PropertyUpdate(10, KEY, "true", "server-a"), "peer"))
                    .isEmpty();
            assertThat(applier.apply(new Message.PropertyUpdate(11, KEY, "false", "server-a"), "peer"))
                    .isEmpty();
            assertThat(applier.apply(new Message.PropertyUpdate(10, KEY, "true", "server-a"), "peer"))
                    .hasValueSatisfying(
                            why -> assertThat(why).startsWith("replayed or out-of-order update: sequence 10"));
            assertThat(props.effective(KEY).value()).isEqualTo("false");
            assertThat(applier.apply(new Message.PropertyUpdate(3, KEY, "true", "server-b"), "peer"))
                    .as("sequences are per origin")
                    .isEmpty();
        }
        try (Store store = new Store(Database.embedded(dir))) {
            ServerProperties props = new ServerProperties(store.tx(store.properties()::all));
            ReplicationApplier applier = new ReplicationApplier(store, props, Clock.systemUTC());
            assertThat(applier.apply(new Message.PropertyUpdate(11, KEY, "true", "server-a"), "peer"))
                    .isPresent();
            assertThat(props.effective(KEY).value()).isEqualTo("true").as("server-b's later update stays");
        }
    }
}
