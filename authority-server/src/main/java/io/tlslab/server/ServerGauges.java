package io.tlslab.server;

import io.tlslab.protocol.cert.CertificateFacts;
import io.tlslab.protocol.settings.PropertyKey;
import io.tlslab.protocol.wire.ProductVersion;
import io.tlslab.server.cert.CertificateService;
import io.tlslab.server.cert.ListenerPurpose;
import io.tlslab.server.device.DeviceRegistry;
import io.tlslab.server.device.Readiness;
import io.tlslab.server.device.StrictReadiness;
import io.tlslab.server.messaging.SessionHub;
import io.tlslab.server.metrics.ServerMetrics;
import io.tlslab.server.properties.SystemSettings;
import io.tlslab.server.store.DeviceRecord;
import io.tlslab.tls.identity.ServedIdentity;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The server's gauges: connected endpoints, devices by mode and readiness, certificate expiry. */
final class ServerGauges {
    private ServerGauges() {}

    static void register(
            ServerMetrics metrics,
            SessionHub hub,
            DeviceRegistry devices,
            StrictReadiness readiness,
            SystemSettings settings,
            CertificateService certificates,
            Supplier<ServedIdentity> presented,
            Clock clock) {
        metrics.gauge("tlslab.endpoints.connected", "endpoints connected now", hub::size);
        metrics.gauge("tlslab.devices", "known devices", () -> devices.all().size());
        metrics.gauge(
                "tlslab.devices.audit.failing",
                "devices whose last audit says strict validation would reject",
                () -> countReady(devices, readiness, d -> true, Readiness.Summary.REJECT));
        for (String mode : List.of("strict", "non-strict", "5.x")) {
            for (Readiness.Summary state : Readiness.Summary.values()) {
                metrics.gauge(
                        "tlslab.devices.by.state",
                        "devices by validation mode and what strict validation would conclude",
                        () -> countReady(
                                devices, readiness, d -> deviceMode(d, settings).equals(mode), state),
                        "mode",
                        mode,
                        "readiness",
                        state.name());
            }
        }
        for (ListenerPurpose p : ListenerPurpose.values()) {
            metrics.gauge(
                    "tlslab.certificate.days.to.expiry",
                    "days until the listener's certificate expires",
                    () -> CertificateFacts.of(certificates.identity(p).leaf()).daysToExpiry(clock.instant()),
                    "listener",
                    p.id());
        }
        metrics.gauge(
                "tlslab.certificate.presented.days.to.expiry",
                "days until the certificate 4287 serves expires",
                () -> CertificateFacts.of(presented.get().leaf()).daysToExpiry(clock.instant()));
    }

    /** Devices of the selection whose readiness, judged against one snapshot, sums up as {@code state}. */
    private static long countReady(
            DeviceRegistry devices,
            StrictReadiness readiness,
            Predicate<DeviceRecord> selection,
            Readiness.Summary state) {
        Function<DeviceRecord, Readiness> judge = readiness.snapshot();
        return devices.all().stream()
                .filter(selection)
                .filter(d -> judge.apply(d).summary() == state)
                .count();
    }

    /** The mode a device validates in now: 5.x never strict; 6.0+ strict when the setting is on. */
    private static String deviceMode(DeviceRecord d, SystemSettings settings) {
        if (!ProductVersion.parse(d.version()).supportsStrictValidation()) {
            return "5.x";
        }
        return settings.booleanValue(PropertyKey.STRICT_VALIDATION) ? "strict" : "non-strict";
    }
}
