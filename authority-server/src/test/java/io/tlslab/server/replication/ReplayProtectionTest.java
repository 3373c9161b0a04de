package io.tlslab.server.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.protocol.wire.Message;
import io.tlslab.server.messaging.ReplicationSink;
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
                    .isEqualTo(ReplicationSink.Answer.applied());
            assertThat(applier.apply(new Message.PropertyUpdate(11, KEY, "false", "server-a"), "peer"))
                    .isEqualTo(ReplicationSink.Answer.applied());
            ReplicationSink.Answer replay =
                    applier.apply(new Message.PropertyUpdate(10, KEY, "true", "server-a"), "peer");
            assertThat(replay.verdict()).isEqualTo(ReplicationSink.Verdict.REFUSED);
            assertThat(replay.why()).startsWith("replayed or out-of-order update: sequence 10");
            assertThat(props.effective(KEY).value()).isEqualTo("false");
            assertThat(applier.apply(new Message.PropertyUpdate(3, KEY, "true", "server-b"), "peer"))
                    .as("sequences are per origin")
                    .isEqualTo(ReplicationSink.Answer.applied());
        }
        try (Store store = new Store(Database.embedded(dir))) {
            ServerProperties props = new ServerProperties(store.tx(store.properties()::all));
            ReplicationApplier applier = new ReplicationApplier(store, props, Clock.systemUTC());
            assertThat(applier.apply(new Message.PropertyUpdate(10, KEY, "false", "server-a"), "peer")
                            .verdict())
                    .isEqualTo(ReplicationSink.Verdict.REFUSED);
            assertThat(props.effective(KEY).value()).isEqualTo("true").as("server-b's later update stays");
        }
    }

    @Test
    void theLastAppliedUpdateSentAgainIsAcknowledgedButNotAppliedAgain() {
        try (Store store = new Store(Database.embedded(dir))) {
            ServerProperties props = new ServerProperties(store.tx(store.properties()::all));
            ReplicationApplier applier = new ReplicationApplier(store, props, Clock.systemUTC());
            assertThat(applier.apply(new Message.PropertyUpdate(7, KEY, "true", "server-a"), "peer"))
                    .isEqualTo(ReplicationSink.Answer.applied());
            long audited = store.tx(store.auditLog()::count);
            // its sender crashed before our acknowledgement arrived, and sends it once more
            ReplicationSink.Answer again =
                    applier.apply(new Message.PropertyUpdate(7, KEY, "true", "server-a"), "peer");
            assertThat(again.verdict()).isEqualTo(ReplicationSink.Verdict.ALREADY_APPLIED);
            assertThat(store.tx(store.auditLog()::count))
                    .as("not applied twice")
                    .isEqualTo(audited);
            // a forged resend of the same sequence with another value changes nothing either
            assertThat(applier.apply(new Message.PropertyUpdate(7, KEY, "false", "server-a"), "peer")
                            .verdict())
                    .isEqualTo(ReplicationSink.Verdict.ALREADY_APPLIED);
            assertThat(props.effective(KEY).value()).isEqualTo("true");
        }
    }
}
