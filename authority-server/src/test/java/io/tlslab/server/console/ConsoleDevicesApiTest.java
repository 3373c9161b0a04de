package io.tlslab.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.protocol.settings.Fingerprint;
import io.tlslab.protocol.validation.ReasonCode;
import io.tlslab.protocol.wire.Message;
import io.tlslab.server.AuthorityServer;
import io.tlslab.server.cli.ConsoleClient;
import io.tlslab.server.store.Database;
import io.tlslab.server.store.DeviceRecord;
import io.tlslab.server.store.Store;
import io.tlslab.server.support.Servers;
import io.tlslab.server.support.TestEndpoint;
import io.tlslab.tls.identity.ServedIdentity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's devices and audit views through the real server: paging, filter, readiness, retire, delete. */
class ConsoleDevicesApiTest {
    @TempDir
    Path dir;

    AuthorityServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ConsoleClient signedIn() throws Exception {
        return Servers.signedIn(server);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> devices(ConsoleClient.Reply r) {
        return (List<Map<String, Object>>) r.json().get("devices");
    }

    private static String readiness(ConsoleClient c, String guid) throws Exception {
        return String.valueOf(
                devices(c.get("/api/devices?filter=" + guid)).get(0).get("strictReadiness"));
    }

    @Test
    void aThousandDevicesArePagedAndFilteredOnTheServer() throws Exception {
        List<DeviceRecord> fleet = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            fleet.add(new DeviceRecord(
                    String.format("dev-%04d", i),
                    "ENDPOINT",
                    i % 10 == 0 ? "5.4" : "6.0",
                    "/10.0." + (i / 250) + "." + (i % 250) + ":50000",
                    OffsetDateTime.now(),
                    io.tlslab.protocol.validation.Outcome.accepted(),
                    "jdk",
                    "TLSv1.3",
                    null,
                    null,
                    List.of()));
        }
        try (Store store = new Store(Database.embedded(dir))) {
            store.tx(c -> {
                store.devices().putAll(c, fleet);
                return null;
            });
        }
        server = Servers.start(dir);
        ConsoleClient c = signedIn();

        ConsoleClient.Reply first = c.get("/api/devices");
        assertThat(first.json())
                .containsEntry("total", 1000)
                .containsEntry("matched", 1000)
                .containsEntry("limit", 50);
        assertThat(devices(first))
                .hasSize(50)
                .first()
                .satisfies(d -> assertThat(d.get("guid")).isEqualTo("dev-0000"));

        ConsoleClient.Reply last = c.get("/api/devices?offset=990&limit=50");
        assertThat(devices(last)).extracting(d -> d.get("guid")).first().isEqualTo("dev-0990");
        assertThat(devices(last)).hasSize(10);

        ConsoleClient.Reply old = c.get("/api/devices?filter=5.4&limit=500");
        assertThat(old.json()).containsEntry("matched", 100);
        assertThat(devices(old)).allSatisfy(d -> assertThat(d.get("version")).isEqualTo("5.4"));
        ConsoleClient.Reply byAddress = c.get("/api/devices?filter=10.0.3.249:");
        assertThat(devices(byAddress)).extracting(d -> d.get("guid")).containsExactly("dev-0999");
        assertThat(c.get("/api/devices?limit=501").status()).isEqualTo(400);
    }

    @Test
    void readinessFollowsTheAllowlistAndTheServedCertificateWithoutANewAudit() throws Exception {
        server = Servers.start(dir);
        ConsoleClient c = signedIn();
        Fingerprint servedSha1 =
                Fingerprint.sha1(ServedIdentity.der(server.presentedChain().get(0)));
        try (TestEndpoint laptop = TestEndpoint.connect(server.messagingPort()).hello("laptop-1", "6.0")) {
            laptop.read(Message.Settings.class);
            assertThat(readiness(c, "laptop-1")).isEqualTo("UNKNOWN");
            laptop.send(new Message.AuditReport("localhost", servedSha1, List.of(ReasonCode.SELF_SIGNED)));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> readiness(c, "laptop-1").equals("REJECT:SELF_SIGNED"));

            assertThat(c.command("prop.set c42.pki.cert.trustedFingerprints " + servedSha1 + " save")
                            .status())
                    .isEqualTo(200);
            assertThat(readiness(c, "laptop-1"))
                    .as("the allowlist makes strict accept the served leaf")
                    .isEqualTo("ACCEPT:ALLOWLISTED");
            assertThat(c.get("/api/devices?filter=ALLOWLISTED").json()).containsEntry("matched", 1);

            HeldCertificate next = HeldCertificate.builder()
                    .commonName("localhost")
                    .subjectAlternativeNames("localhost")
                    .build();
            server.present(next.privateKey(), List.of(next.certificate()));
            assertThat(readiness(c, "laptop-1"))
                    .as("the audit was of another certificate")
                    .isEqualTo("UNKNOWN:CERTIFICATE_CHANGED");
        }
    }

    @Test
    void retireDisconnectsAndForgetsDeleteRefusesAConnectedDeviceAndBothAreAudited() throws Exception {
        server = Servers.start(dir);
        ConsoleClient c = signedIn();
        try (TestEndpoint one = TestEndpoint.connect(server.messagingPort()).hello("laptop-1", "6.0");
                TestEndpoint two = TestEndpoint.connect(server.messagingPort()).hello("laptop-2", "6.0")) {
            one.read(Message.Settings.class);
            two.read(Message.Settings.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.devices().size() == 2);

            ConsoleClient.Reply retired = c.post("/api/devices/retire", Map.of("guid", "laptop-2"));
            assertThat(retired.status()).isEqualTo(200);
            assertThat(retired.json().get("message").toString()).isEqualTo("retired laptop-2 (disconnected now)");
            assertThat(two.closedByServer(Duration.ofSeconds(10))).isTrue();
            assertThat(server.devices()).extracting(DeviceRecord::guid).containsExactly("laptop-1");
            assertThat(c.post("/api/devices/retire", Map.of("guid", "laptop-2")).status())
                    .isEqualTo(404);

            ConsoleClient.Reply refused = c.post("/api/devices/delete", Map.of("guid", "laptop-1"));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("error").toString()).contains("is connected: retire it");
            one.close();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> c.post("/api/devices/delete", Map.of("guid", "laptop-1"))
                                    .status()
                            == 200);
            assertThat(server.devices()).isEmpty();
        }
        server = server.restart();
        assertThat(server.devices()).as("retire and delete reach the store").isEmpty();

        ConsoleClient again = signedIn();
        ConsoleClient.Reply audit = again.get("/api/audit?limit=2");
        assertThat(((Number) audit.json().get("total")).longValue()).isGreaterThanOrEqualTo(2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows =
                (List<Map<String, Object>>) audit.json().get("rows");
        assertThat(rows)
                .extracting(r -> r.get("command"))
                .containsExactly("device.delete laptop-1", "device.retire laptop-2");
    }
}
