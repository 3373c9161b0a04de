package io.tlslab.server.console;

import io.tlslab.server.cert.CertificateImportException;
import io.tlslab.server.cert.ListenerPurpose;
import io.tlslab.server.command.Actor;
import io.tlslab.server.command.CommandResult;
import io.tlslab.server.console.auth.AdminAccounts;
import java.util.Map;

/** What the console (page, JSON API, metrics) needs from the server; the server implements it. */
public interface ConsoleBackend {
    CommandResult execute(String commandLine, Actor actor);

    ConsoleViews.Certificates certificates();

    ConsoleViews.InstallResult install(
            ListenerPurpose purpose, byte[] content, char[] password, String alias, Actor actor)
            throws CertificateImportException;

    byte[] export(ListenerPurpose purpose, char[] password, Actor actor);

    ConsoleViews.InstallResult reset(ListenerPurpose purpose, Actor actor);

    /** Devices whose GUID, address, version or readiness contains {@code filter} (any case), one page. */
    ConsoleViews.DevicePage devices(String filter, int offset, int limit);

    /** Disconnects the device now and forgets it. */
    ConsoleViews.DeviceAction retire(String guid, Actor actor) throws DeviceActionException;

    /** Forgets a device that is not connected (a connected one must be retired). */
    ConsoleViews.DeviceAction delete(String guid, Actor actor) throws DeviceActionException;

    /** Active warnings: kind to message. */
    Map<String, String> warnings();

    ConsoleViews.AuditPage auditLog(long offset, int limit);

    String prometheus();

    AdminAccounts admins();
}
