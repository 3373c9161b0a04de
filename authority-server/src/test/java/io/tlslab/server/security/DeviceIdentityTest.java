package io.tlslab.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.protocol.settings.Fingerprint;
import io.tlslab.protocol.wire.Message;
import io.tlslab.protocol.wire.ProductVersion;
import io.tlslab.protocol.wire.Role;
import io.tlslab.server.AuthorityServer;
import io.tlslab.server.command.CommandResult;
import io.tlslab.server.store.DeviceRecord;
import io.tlslab.server.support.Servers;
import io.tlslab.server.support.TestEndpoint;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 finding 2: any client could claim any GUID, overwrite that device's readiness with a fake
 * audit, and register fake devices that could never be deleted.
 */
class DeviceIdentityTest {
    private static final Fingerprint AUDITED_LEAF = Fingerprint.sha1(new byte[] {7});
    private static final String KEY = "org-registration-key-1";

    @TempDir
    Path dir;

    private static TestEndpoint hello(AuthorityServer server, String guid, String version, String credential)
            throws Exception {
        TestEndpoint e = TestEndpoint.connect(server.messagingPort());
        e.send(new Message.Hello(Role.ENDPOINT, guid, ProductVersion.parse(version), credential));
        return e;
    }

    @Test
    void aRegisteredGuidCannotBeTakenOverNorItsAuditFaked() throws Exception {
        AuthorityServer.Builder b = Servers.builder(dir);
        b.config().registrationKey(KEY);
        try (AuthorityServer server = b.start()) {
            String credential;
            try (TestEndpoint real = hello(server, "laptop-1", "6.5", "reg:" + KEY)) {
                real.read(Message.Settings.class);
                credential = real.read(Message.DeviceCredential.class).credential();
                real.send(new Message.AuditReport("localhost", AUDITED_LEAF, List.of()));
                real.send(new Message.Ping(1));
                real.read(Message.Pong.class);
            }
            for (String stolen : List.of("", "dev:guessed", "reg:" + KEY, "reg:wrong")) {
                try (TestEndpoint thief = hello(server, "laptop-1", "6.5", stolen)) {
                    assertThat(thief.read(Message.Goodbye.class).reason())
                            .as(stolen)
                            .isNotBlank();
                    assertThat(thief.closedByServer(java.time.Duration.ofSeconds(5)))
                            .isTrue();
                }
            }
            try (TestEndpoint thief = hello(server, "laptop-1", "5.4", "")) {
                assertThat(thief.read(Message.Goodbye.class).reason()).contains("registered to another device");
            }
            try (TestEndpoint again = hello(server, "laptop-1", "6.5", "dev:" + credential)) {
                assertThat(again.read(Message.Settings.class)).isNotNull();
            }
            DeviceRecord d = server.devices().stream()
                    .filter(x -> x.guid().equals("laptop-1"))
                    .findFirst()
                    .orElseThrow();
            assertThat(d.auditLeafSha1()).isEqualTo(AUDITED_LEAF);
            assertThat(d.version()).isEqualTo("6.5");

            try (TestEndpoint stranger = hello(server, "new-6x", "6.5", "")) {
                assertThat(stranger.read(Message.Goodbye.class).reason()).contains("requires device registration");
            }
            try (TestEndpoint legacy = hello(server, "old-5x", "5.4", "")) {
                assertThat(legacy.read(Message.Settings.class))
                        .as("5.x endpoints keep working")
                        .isNotNull();
            }
            CommandResult list = server.execute("device.list unregistered");
            assertThat(list.output()).startsWith("1 unregistered devices").contains("old-5x unregistered");
            assertThat(server.execute("device.retire old-5x").ok()).isTrue();
            try (TestEndpoint legacy = hello(server, "old-5x", "5.4", "")) {
                assertThat(legacy.read(Message.Goodbye.class).reason()).contains("retired");
            }
            assertThat(server.execute("device.del old-5x").ok()).isTrue();
            assertThat(server.devices()).extracting(DeviceRecord::guid).doesNotContain("old-5x");
            AuthorityServer restarted = server.restart();
            try {
                assertThat(restarted.devices()).extracting(DeviceRecord::guid).containsExactly("laptop-1");
                try (TestEndpoint thief = hello(restarted, "laptop-1", "6.5", "reg:" + KEY)) {
                    assertThat(thief.read(Message.Goodbye.class).reason())
                            .as("the credential survives a restart")
                            .contains("registered to another device");
                }
            } finally {
                restarted.close();
            }
        }
    }

    @Test
    void newDevicesArCappedPerAddressAndMinute() throws Exception {
        AuthorityServer.Builder b = Servers.builder(dir);
        b.config().maxRegistrationsPerAddressPerMinute(5);
        try (AuthorityServer server = b.start()) {
            int admitted = 0;
            for (int i = 0; i < 8; i++) {
                try (TestEndpoint e = hello(server, "fake-" + i, "6.5", "reg:")) {
                    Message m = e.read();
                    if (m instanceof Message.Settings) {
                        admitted++;
                    } else {
                        assertThat(((Message.Goodbye) m).reason()).startsWith("too many new devices from this address");
                    }
                }
            }
            assertThat(admitted).isEqualTo(5);
            try (TestEndpoint known = hello(server, "fake-0", "6.5", "reg:")) {
                assertThat(known.read(Message.Goodbye.class).reason())
                        .as("fake-0 registered: its credential is required")
                        .contains("registered to another device");
            }
        }
    }

    /**
     * The console's retire used to drop the device's record only: its credential stayed valid, so the
     * retired laptop simply connected again. Now it is the CLI's use case: credential revoked.
     */
    @Test
    void aDeviceRetiredFromTheConsoleCannotComeBackWithItsCredential() throws Exception {
        AuthorityServer.Builder b = Servers.builder(dir);
        b.config().registrationKey(KEY);
        try (AuthorityServer server = b.start()) {
            String credential;
            try (TestEndpoint laptop = hello(server, "laptop-7", "6.5", "reg:" + KEY)) {
                laptop.read(Message.Settings.class);
                credential = laptop.read(Message.DeviceCredential.class).credential();
                org.awaitility.Awaitility.await()
                        .atMost(java.time.Duration.ofSeconds(10))
                        .until(() ->
                                server.devices().stream().anyMatch(d -> d.guid().equals("laptop-7")));
                io.tlslab.server.cli.ConsoleClient console = Servers.signedIn(server);
                io.tlslab.server.cli.ConsoleClient.Reply retired =
                        console.post("/api/devices/retire", java.util.Map.of("guid", "laptop-7"));
                assertThat(retired.status()).isEqualTo(200);
                assertThat(retired.json().get("message").toString()).isEqualTo("retired laptop-7 (disconnected now)");
                assertThat(laptop.closedByServer(java.time.Duration.ofSeconds(10)))
                        .isTrue();
            }
            try (TestEndpoint again = hello(server, "laptop-7", "6.5", "dev:" + credential)) {
                assertThat(again.read(Message.Goodbye.class).reason()).contains("retired");
            }
            assertThat(server.execute("device.list").output())
                    .as("listed as retired, so that the CLI can find and delete it")
                    .contains("laptop-7 registered retired");
            assertThat(server.execute("device.del laptop-7").ok()).isTrue();
            try (TestEndpoint fresh = hello(server, "laptop-7", "6.5", "reg:" + KEY)) {
                fresh.read(Message.Settings.class);
                assertThat(fresh.read(Message.DeviceCredential.class).credential())
                        .as("deleted: it may register again, with a new credential")
                        .isNotEqualTo(credential);
            }
        }
    }
}
