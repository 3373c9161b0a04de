package io.tlslab.server;

import io.tlslab.protocol.cert.CertificateFacts;
import io.tlslab.protocol.settings.PropertyKey;
import io.tlslab.protocol.validation.ReasonCode;
import io.tlslab.protocol.wire.ProductVersion;
import io.tlslab.server.cert.CertificateImportException;
import io.tlslab.server.cert.CertificateService;
import io.tlslab.server.cert.ListenerPurpose;
import io.tlslab.server.command.Actor;
import io.tlslab.server.command.CommandProcessor;
import io.tlslab.server.command.CommandResult;
import io.tlslab.server.command.DeviceAdmin;
import io.tlslab.server.console.ConsoleBackend;
import io.tlslab.server.console.ConsoleViews;
import io.tlslab.server.console.DeviceActionException;
import io.tlslab.server.console.auth.AdminAccounts;
import io.tlslab.server.device.DeviceRegistry;
import io.tlslab.server.device.Readiness;
import io.tlslab.server.device.StrictReadiness;
import io.tlslab.server.messaging.SessionHub;
import io.tlslab.server.metrics.ServerMetrics;
import io.tlslab.server.properties.PushedSettings;
import io.tlslab.server.store.AuditEntry;
import io.tlslab.server.store.DeviceRecord;
import io.tlslab.server.store.Store;
import io.tlslab.server.warn.Warnings;
import io.tlslab.tls.identity.ServedIdentity;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** The console's view of this server, as {@link ConsoleViews} records. (Moved out of AuthorityServer.) */
final class ServerConsoleView implements ConsoleBackend {
    private final CommandProcessor commands;
    private final CertificateService certificates;
    private final Supplier<ServedIdentity> endpointPresented;
    private final Supplier<ServedIdentity> serverPresented;
    private final boolean useHttpsCertificate;
    private final DeviceRegistry devices;
    private final StrictReadiness readiness;
    private final SessionHub hub;
    private final PushedSettings pushed;
    private final Warnings warnings;
    private final Store store;
    private final ServerMetrics metrics;
    private final AdminAccounts admins;
    private final Clock clock;
    private final DeviceAdmin deviceAdmin;

    ServerConsoleView(
            CommandProcessor commands,
            CertificateService certificates,
            Supplier<ServedIdentity> endpointPresented,
            Supplier<ServedIdentity> serverPresented,
            boolean useHttpsCertificate,
            DeviceRegistry devices,
            StrictReadiness readiness,
            SessionHub hub,
            PushedSettings pushed,
            Warnings warnings,
            Store store,
            ServerMetrics metrics,
            AdminAccounts admins,
            Clock clock,
            DeviceAdmin deviceAdmin) {
        this.commands = commands;
        this.certificates = certificates;
        this.endpointPresented = endpointPresented;
        this.serverPresented = serverPresented;
        this.useHttpsCertificate = useHttpsCertificate;
        this.devices = devices;
        this.readiness = readiness;
        this.hub = hub;
        this.pushed = pushed;
        this.warnings = warnings;
        this.store = store;
        this.metrics = metrics;
        this.admins = admins;
        this.clock = clock;
        this.deviceAdmin = deviceAdmin;
    }

    @Override
    public CommandResult execute(String commandLine, Actor actor) {
        return commands.execute(commandLine, actor);
    }

    @Override
    public ConsoleViews.Certificates certificates() {
        Map<String, ConsoleViews.Certificate> presented = new LinkedHashMap<>();
        presented.put(
                "4285", view(certificates.identity(ListenerPurpose.CONSOLE).leaf()));
        presented.put("4287", view(endpointPresented.get().leaf()));
        presented.put("4288", view(serverPresented.get().leaf()));
        return new ConsoleViews.Certificates(
                installed(ListenerPurpose.CONSOLE),
                installed(ListenerPurpose.MESSAGING),
                presented,
                useHttpsCertificate);
    }

    private ConsoleViews.Installed installed(ListenerPurpose p) {
        return new ConsoleViews.Installed(
                certificates.origin(p).name(),
                certificates.chainInfo(p).stream()
                        .map(i -> ConsoleViews.Certificate.of(i, clock.instant()))
                        .toList());
    }

    private ConsoleViews.Certificate view(X509Certificate c) {
        return ConsoleViews.Certificate.of(CertificateFacts.of(c), clock.instant());
    }

    @Override
    public ConsoleViews.InstallResult install(
            ListenerPurpose purpose, byte[] content, char[] password, String alias, Actor actor)
            throws CertificateImportException {
        ServedIdentity id = certificates.install(purpose, content, password, alias, actor);
        return new ConsoleViews.InstallResult(
                purpose.id(),
                view(id.leaf()),
                purpose == ListenerPurpose.CONSOLE
                        ? "4285 serves it now; 4287/4288 serve it after a restart when useHttpsCertificate is true"
                        : useHttpsCertificate
                                ? "4287/4288 serve the console certificate (useHttpsCertificate)"
                                : "4287/4288 serve it to new connections now");
    }

    @Override
    public byte[] export(ListenerPurpose purpose, char[] password, Actor actor) {
        return certificates.export(purpose, password, actor);
    }

    @Override
    public ConsoleViews.InstallResult reset(ListenerPurpose purpose, Actor actor) {
        ServedIdentity id = certificates.reset(purpose, actor);
        return new ConsoleViews.InstallResult(purpose.id(), view(id.leaf()), null);
    }

    @Override
    public ConsoleViews.DevicePage devices(String filter, int offset, int limit) {
        Map<String, String> effective = pushed.current().values();
        Function<DeviceRecord, Readiness> judge = readiness.snapshot();
        String needle = filter == null ? "" : filter.trim().toLowerCase(Locale.ROOT);
        List<DeviceRecord> all = devices.all();
        List<ConsoleViews.Device> matching = new ArrayList<>();
        for (DeviceRecord d : all) {
            String ready = judge.apply(d).toString();
            if (needle.isEmpty() || matches(needle, d, ready)) {
                matching.add(device(d, effective, ready));
            }
        }
        int from = Math.min(offset, matching.size());
        int to = Math.min(matching.size(), from + limit);
        return new ConsoleViews.DevicePage(
                all.size(), matching.size(), offset, limit, List.copyOf(matching.subList(from, to)));
    }

    private static boolean matches(String needle, DeviceRecord d, String readiness) {
        for (String field : new String[] {d.guid(), d.address(), d.version(), readiness}) {
            if (field != null && field.toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public ConsoleViews.DeviceAction retire(String guid, Actor actor) throws DeviceActionException {
        DeviceAdmin.Retired retired = deviceAdmin
                .retire(guid)
                .orElseThrow(() -> new DeviceActionException("no device with GUID '" + guid + "'", true));
        String message = "retired " + guid + (retired.disconnected() ? " (disconnected now)" : " (was not connected)");
        audit(actor, "device.retire " + guid, message);
        return new ConsoleViews.DeviceAction(guid, "retired", message);
    }

    @Override
    public ConsoleViews.DeviceAction delete(String guid, Actor actor) throws DeviceActionException {
        if (!devices.isKnown(guid)) {
            throw new DeviceActionException("no device with GUID '" + guid + "'", true);
        }
        if (devices.isConnected(guid)) {
            throw new DeviceActionException(guid + " is connected: retire it to disconnect it and remove it", false);
        }
        deviceAdmin.delete(guid);
        String message = "deleted the record of " + guid;
        audit(actor, "device.delete " + guid, message);
        return new ConsoleViews.DeviceAction(guid, "deleted", message);
    }

    private void audit(Actor actor, String command, String result) {
        store.tx(c -> {
            store.auditLog()
                    .append(
                            c,
                            new AuditEntry(
                                    OffsetDateTime.now(clock), actor.admin(), actor.channel(), command, true, result));
            return null;
        });
    }

    private ConsoleViews.Device device(DeviceRecord d, Map<String, String> effective, String ready) {
        Map<String, String> eff = new LinkedHashMap<>(effective);
        if (!ProductVersion.parse(d.version()).supportsStrictValidation()) {
            eff.put(PropertyKey.STRICT_VALIDATION.key(), "false (ignored by versions before 6.0)");
        }
        return new ConsoleViews.Device(
                d.guid(),
                d.role(),
                d.version(),
                d.address(),
                devices.isConnected(d.guid()),
                String.valueOf(d.lastSeen()),
                d.lastOutcome() == null ? null : d.lastOutcome().toString(),
                d.engine(),
                d.tlsProtocol(),
                eff,
                d.auditHost(),
                d.auditLeafSha1() == null ? null : d.auditLeafSha1().toString(),
                d.auditFindings().stream().map(ReasonCode::name).toList(),
                ready);
    }

    @Override
    public Map<String, String> warnings() {
        Map<String, String> m = new LinkedHashMap<>();
        warnings.active().forEach((k, v) -> m.put(k.name(), v));
        return m;
    }

    @Override
    public ConsoleViews.AuditPage auditLog(long offset, int limit) {
        return store.tx(c -> new ConsoleViews.AuditPage(
                store.auditLog().count(c),
                offset,
                limit,
                store.auditLog().page(c, offset, limit).stream()
                        .map(ServerConsoleView::row)
                        .toList()));
    }

    private static ConsoleViews.AuditRow row(AuditEntry e) {
        return new ConsoleViews.AuditRow(
                String.valueOf(e.at()), e.admin(), e.channel(), e.command(), e.succeeded(), e.result());
    }

    @Override
    public String prometheus() {
        return metrics.scrape();
    }

    @Override
    public AdminAccounts admins() {
        return admins;
    }
}
