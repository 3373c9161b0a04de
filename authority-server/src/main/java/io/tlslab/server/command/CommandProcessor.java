package io.tlslab.server.command;

import io.tlslab.protocol.settings.PropertyKey;
import io.tlslab.protocol.text.Untrusted;
import io.tlslab.server.properties.EffectiveValue;
import io.tlslab.server.properties.KeyResolver;
import io.tlslab.server.properties.PushedSettings;
import io.tlslab.server.properties.ServerProperties;
import io.tlslab.server.properties.SystemSettings;
import io.tlslab.server.store.AuditEntry;
import io.tlslab.server.store.Store;
import io.tlslab.server.store.StoredProperty;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the console's command line (SPEC §2): the same code serves the web page, the JSON API and
 * the CLI. A change is persisted together with its audit row in one transaction and only then
 * applied in memory, so a crash mid-command leaves the old state or the new one, never half.
 */
public final class CommandProcessor {
    private static final Logger log = LoggerFactory.getLogger(CommandProcessor.class);
    private static final Logger audit = LoggerFactory.getLogger("tlslab.audit");

    /** The text an admin sees when switching strict validation off, as the article recommends. */
    public static final String STRICT_OFF_WARNING =
            "warning: strict certificate validation is now off;" + " we recommend that you do not disable it";

    /** Longest command line accepted: room for the longest value, its key and the modifiers. */
    public static final int MAX_COMMAND_CHARS = KeyResolver.MAX_VALUE_CHARS + 1024;

    private enum Persist {
        RUNTIME,
        SAVE,
        SAVE_ALL
    }

    private final Store store;
    private final ServerProperties properties;
    private final SystemSettings settings;
    private final Replicator replicator;
    private final String serverId;
    private final PushedSettings pushed;
    private final DeviceAdmin devices;

    public CommandProcessor(
            Store store, ServerProperties properties, SystemSettings settings, Replicator replicator, String serverId) {
        this(store, properties, settings, replicator, serverId, DeviceAdmin.none());
    }

    public CommandProcessor(
            Store store,
            ServerProperties properties,
            SystemSettings settings,
            Replicator replicator,
            String serverId,
            DeviceAdmin devices) {
        this.devices = devices;
        this.store = store;
        this.properties = properties;
        this.settings = settings;
        this.replicator = replicator;
        this.serverId = serverId;
        this.pushed = new PushedSettings(settings, properties);
    }

    public CommandResult execute(String line, Actor actor) {
        String trimmed = line == null ? "" : line.strip();
        CommandResult result;
        try {
            if (trimmed.length() > MAX_COMMAND_CHARS) {
                throw new IllegalArgumentException(
                        "command of " + trimmed.length() + " characters is too long: at most " + MAX_COMMAND_CHARS);
            }
            result = dispatch(trimmed, actor);
        } catch (IllegalArgumentException e) {
            result = CommandResult.refused(e.getMessage());
        }
        if (!result.ok()) {
            recordRefusal(trimmed, actor, result);
        }
        return result;
    }

    private CommandResult dispatch(String line, Actor actor) {
        if (line.isEmpty()) {
            throw new IllegalArgumentException(
                    "empty command: expected one of " + String.join(", ", Help.USAGE.keySet()) + " (type help)");
        }
        List<String> t = Tokenizer.split(line);
        String name = t.get(0).toLowerCase(Locale.ROOT);
        List<String> args = t.subList(1, t.size());
        switch (name) {
            case "help":
                return readOnly(line, actor, help(args));
            case "prop.show":
                return readOnly(line, actor, propShow(args));
            case "prop.set":
                return propSet(line, args, actor);
            case "prop.del":
                return propDel(line, args, actor);
            case "setting.set":
                return settingSet(line, args, actor);
            case "device.list":
                return readOnly(line, actor, deviceList(args));
            case "device.retire":
                return deviceChange(line, args, actor, true);
            case "device.del":
                return deviceChange(line, args, actor, false);
            case "setting.del":
                return settingDel(line, args, actor);
            case "setting.show":
                return readOnly(line, actor, settingShow(args));
            case "replication.show":
                return readOnly(line, actor, replicationShow(args));
            default:
                throw new IllegalArgumentException("unknown command '" + Untrusted.escape(t.get(0), 40)
                        + "': expected one of " + String.join(", ", Help.USAGE.keySet()));
        }
    }

    private CommandResult help(List<String> args) {
        if (args.isEmpty()) {
            return CommandResult.ok(Help.all());
        }
        if (args.size() == 1 && Help.USAGE.containsKey(args.get(0).toLowerCase(Locale.ROOT))) {
            String c = args.get(0).toLowerCase(Locale.ROOT);
            return CommandResult.ok(Help.usage(c) + "\n" + Help.DESCRIPTION.get(c));
        }
        throw new IllegalArgumentException("help knows no command '" + String.join(" ", args) + "': expected one of "
                + String.join(", ", Help.USAGE.keySet()));
    }

    private CommandResult propShow(List<String> args) {
        if (args.isEmpty()) {
            return CommandResult.ok(
                    properties.all().stream().map(EffectiveValue::describe).collect(Collectors.joining("\n")));
        }
        if (args.size() > 1) {
            throw new IllegalArgumentException("prop.show takes at most one key; " + Help.usage("prop.show"));
        }
        KeyResolver.Resolved key = KeyResolver.resolve(args.get(0), PropertyKey.Scope.SERVER_PROPERTY);
        return CommandResult.ok(properties.effective(key.name()).describe());
    }

    private CommandResult propSet(String line, List<String> args, Actor actor) {
        if (args.size() < 2) {
            throw new IllegalArgumentException("prop.set needs a key and a value; " + Help.usage("prop.set"));
        }
        Persist persist = persistMode(args);
        List<String> valueTokens = args.subList(1, args.size() - modifierCount(persist));
        if (valueTokens.isEmpty()) {
            throw new IllegalArgumentException("prop.set needs a value before '"
                    + String.join(" ", args.subList(1, args.size())) + "'; " + Help.usage("prop.set"));
        }
        KeyResolver.Resolved key = KeyResolver.resolve(args.get(0), PropertyKey.Scope.SERVER_PROPERTY);
        String value = KeyResolver.normalise(key, String.join(" ", valueTokens));
        if (key.name().equals(PropertyKey.TRUSTED_FINGERPRINTS.key())) {
            pushed.whyWouldNotFit(Map.of(), value).ifPresent(why -> {
                throw new IllegalArgumentException(why);
            });
        }
        StringBuilder out = new StringBuilder();
        key.warning().ifPresent(w -> out.append(w).append('\n'));
        if (persist == Persist.RUNTIME) {
            out.append(key.name()).append(" = ").append(value).append(" (runtime: lost at restart unless saved)");
            appendRestartNote(key, out);
            recordAccepted(line, actor, out.toString());
            properties.applyRuntime(key.name(), value);
            return CommandResult.ok(out.toString());
        }
        StoredProperty stored = new StoredProperty(
                key.name(),
                value,
                persist == Persist.SAVE_ALL
                        ? StoredProperty.PersistedScope.REPLICATED
                        : StoredProperty.PersistedScope.SAVED,
                serverId,
                OffsetDateTime.now());
        out.append(key.name())
                .append(" = ")
                .append(value)
                .append(persist == Persist.SAVE_ALL ? " (saved, replicated)" : " (saved)");
        appendRestartNote(key, out);
        String text = out.toString();
        long ticket = store.tx(c -> {
            // queued first: the sequence row stays locked until the commit, so concurrent save alls
            // reach the peers in the order they committed here
            long queued = persist == Persist.SAVE_ALL ? replicator.queue(c, key.name(), value) : 0;
            store.properties().put(c, stored);
            store.auditLog()
                    .append(c, new AuditEntry(OffsetDateTime.now(), actor.admin(), actor.channel(), line, true, text));
            return queued;
        });
        properties.applyPersisted(stored);
        logAccepted(line, actor);
        if (persist == Persist.SAVE_ALL) {
            out.append('\n').append(replicator.await(ticket).summary());
        }
        return CommandResult.ok(out.toString());
    }

    private CommandResult propDel(String line, List<String> args, Actor actor) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("prop.del needs a key; " + Help.usage("prop.del"));
        }
        Persist persist = persistMode(args);
        if (args.size() - modifierCount(persist) != 1) {
            throw new IllegalArgumentException(
                    "prop.del takes one key then optionally 'save' or 'save all'; " + Help.usage("prop.del"));
        }
        KeyResolver.Resolved key = KeyResolver.resolve(args.get(0), PropertyKey.Scope.SERVER_PROPERTY);
        if (persist == Persist.RUNTIME) {
            properties.removeRuntime(key.name());
            String text = "running value removed; now "
                    + properties.effective(key.name()).describe();
            recordAccepted(line, actor, text);
            return CommandResult.ok(text);
        }
        String text = key.name() + ": saved value removed";
        long ticket = store.tx(c -> {
            long queued = persist == Persist.SAVE_ALL ? replicator.queue(c, key.name(), null) : 0;
            store.properties().delete(c, key.name());
            store.auditLog()
                    .append(c, new AuditEntry(OffsetDateTime.now(), actor.admin(), actor.channel(), line, true, text));
            return queued;
        });
        properties.removePersisted(key.name());
        logAccepted(line, actor);
        StringBuilder out = new StringBuilder(text)
                .append("; now ")
                .append(properties.effective(key.name()).describe());
        if (persist == Persist.SAVE_ALL) {
            out.append('\n').append(replicator.await(ticket).summary());
        }
        return CommandResult.ok(out.toString());
    }

    private CommandResult settingSet(String line, List<String> args, Actor actor) {
        if (args.size() < 3) {
            throw new IllegalArgumentException(
                    "setting.set needs the scope system, a key and a value; " + Help.usage("setting.set"));
        }
        requireSystemScope(args.get(0), "setting.set");
        KeyResolver.Resolved key = KeyResolver.resolve(args.get(1), PropertyKey.Scope.SYSTEM_SETTING);
        String value = KeyResolver.normalise(key, String.join(" ", args.subList(2, args.size())));
        pushed.whyWouldNotFit(Map.of(key.name(), value), pushed.trustedFingerprints())
                .ifPresent(why -> {
                    throw new IllegalArgumentException(why);
                });
        boolean wasStrict = settings.booleanValue(PropertyKey.STRICT_VALIDATION);
        StringBuilder out = new StringBuilder();
        key.warning().ifPresent(w -> out.append(w).append('\n'));
        out.append(key.name()).append(" = ").append(value).append(" (saved; pushed to every connected endpoint)");
        if (key.name().equals(PropertyKey.STRICT_VALIDATION.key()) && wasStrict && value.equals("false")) {
            out.append('\n').append(STRICT_OFF_WARNING);
        }
        String text = out.toString();
        store.tx(c -> {
            store.settings().put(c, key.name(), value);
            store.auditLog()
                    .append(c, new AuditEntry(OffsetDateTime.now(), actor.admin(), actor.channel(), line, true, text));
            return null;
        });
        logAccepted(line, actor);
        settings.applySaved(key.name(), value);
        return CommandResult.ok(text);
    }

    private CommandResult settingDel(String line, List<String> args, Actor actor) {
        if (args.size() != 2) {
            throw new IllegalArgumentException(
                    "setting.del needs the scope system and one key; " + Help.usage("setting.del"));
        }
        requireSystemScope(args.get(0), "setting.del");
        KeyResolver.Resolved key = KeyResolver.resolve(args.get(1), PropertyKey.Scope.SYSTEM_SETTING);
        boolean[] existed = {false};
        String text = key.name() + ": saved value removed; pushed to every connected endpoint";
        store.tx(c -> {
            existed[0] = store.settings().delete(c, key.name());
            if (existed[0]) {
                store.auditLog()
                        .append(
                                c,
                                new AuditEntry(OffsetDateTime.now(), actor.admin(), actor.channel(), line, true, text));
            }
            return null;
        });
        if (!existed[0]) {
            throw new IllegalArgumentException(key.name() + " has no saved value to remove");
        }
        logAccepted(line, actor);
        settings.removeSaved(key.name());
        return CommandResult.ok(text + "; now " + settings.effective(key.name()).describe());
    }

    private CommandResult deviceList(List<String> args) {
        boolean onlyUnregistered = args.size() == 1 && args.get(0).equalsIgnoreCase("unregistered");
        if (args.size() > 1 || (args.size() == 1 && !onlyUnregistered)) {
            throw new IllegalArgumentException(
                    "device.list takes nothing or 'unregistered'; " + Help.usage("device.list"));
        }
        List<DeviceAdmin.Listed> all = devices.all().stream()
                .filter(d -> !onlyUnregistered || !d.registered())
                .toList();
        StringBuilder out = new StringBuilder(all.size() + (onlyUnregistered ? " unregistered" : "") + " devices");
        for (DeviceAdmin.Listed d : all) {
            out.append('\n')
                    .append(d.guid())
                    .append(' ')
                    .append(d.registered() ? "registered" : "unregistered")
                    .append(d.retired() ? " retired" : "")
                    .append(" version ")
                    .append(d.version())
                    .append(" from ")
                    .append(Untrusted.escape(d.address(), 64));
        }
        return CommandResult.ok(out.toString());
    }

    private CommandResult deviceChange(String line, List<String> args, Actor actor, boolean retire) {
        String command = retire ? "device.retire" : "device.del";
        if (args.size() != 1) {
            throw new IllegalArgumentException(command + " takes one GUID; " + Help.usage(command));
        }
        String guid = args.get(0);
        if (!io.tlslab.protocol.wire.Guid.isValid(guid)) {
            throw new IllegalArgumentException("not a GUID: " + io.tlslab.protocol.wire.Guid.rule());
        }
        String text;
        if (retire) {
            DeviceAdmin.Retired r =
                    devices.retire(guid).orElseThrow(() -> new IllegalArgumentException("no device " + guid));
            text = guid + " retired: its credential is revoked and its connections are refused until it is deleted"
                    + (r.disconnected() ? "; disconnected now" : "");
        } else if (devices.delete(guid)) {
            text = guid + " deleted: it may register again as a new device";
        } else {
            throw new IllegalArgumentException("no device " + guid);
        }
        recordAccepted(line, actor, text);
        return CommandResult.ok(text);
    }

    private CommandResult replicationShow(List<String> args) {
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("replication.show takes nothing; " + Help.usage("replication.show"));
        }
        List<Replicator.PeerQueue> queues = replicator.queues();
        if (queues.isEmpty()) {
            return CommandResult.ok("no other servers configured in this environment");
        }
        StringBuilder out = new StringBuilder();
        for (Replicator.PeerQueue q : queues) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(q.peer()).append(": ").append(q.depth()).append(" queued");
            if (!q.configured()) {
                out.append(" (not a configured peer any more: not sent)");
            }
            q.lastFailure().ifPresent(f -> out.append("; last attempt failed: ").append(f));
            q.nextAttempt().ifPresent(t -> out.append("; next attempt at ").append(t));
        }
        return CommandResult.ok(out.toString());
    }

    private CommandResult settingShow(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("setting.show needs the scope system; " + Help.usage("setting.show"));
        }
        requireSystemScope(args.get(0), "setting.show");
        if (args.size() == 1) {
            return CommandResult.ok(
                    settings.all().stream().map(EffectiveValue::describe).collect(Collectors.joining("\n")));
        }
        if (args.size() > 2) {
            throw new IllegalArgumentException("setting.show takes at most one key; " + Help.usage("setting.show"));
        }
        KeyResolver.Resolved key = KeyResolver.resolve(args.get(1), PropertyKey.Scope.SYSTEM_SETTING);
        return CommandResult.ok(settings.effective(key.name()).describe());
    }

    private static void requireSystemScope(String scope, String command) {
        if (!scope.equalsIgnoreCase("system")) {
            throw new IllegalArgumentException(
                    command + " expects the scope 'system', got '" + scope + "'; " + Help.usage(command));
        }
    }

    private static Persist persistMode(List<String> args) {
        int n = args.size();
        if (n >= 2 && args.get(n - 1).equalsIgnoreCase("all") && args.get(n - 2).equalsIgnoreCase("save")) {
            return Persist.SAVE_ALL;
        }
        if (n >= 1 && args.get(n - 1).equalsIgnoreCase("save")) {
            return Persist.SAVE;
        }
        return Persist.RUNTIME;
    }

    private static int modifierCount(Persist p) {
        return p == Persist.SAVE_ALL ? 2 : p == Persist.SAVE ? 1 : 0;
    }

    private static void appendRestartNote(KeyResolver.Resolved key, StringBuilder out) {
        if (key.name().equals(PropertyKey.USE_HTTPS_CERTIFICATE.key())) {
            out.append("\nnote: takes effect at the next restart; 4287 and 4288 then present")
                    .append(" the console certificate when true");
        }
    }

    private void recordAccepted(String line, Actor actor, String text) {
        store.tx(c -> {
            store.auditLog()
                    .append(c, new AuditEntry(OffsetDateTime.now(), actor.admin(), actor.channel(), line, true, text));
            return null;
        });
        logAccepted(line, actor);
    }

    /** Read-only commands are audited too (who looked at what), with a bounded copy of the answer. */
    private CommandResult readOnly(String line, Actor actor, CommandResult result) {
        String output = result.output();
        recordAccepted(line, actor, output.length() > 4000 ? output.substring(0, 4000) + "..." : output);
        return result;
    }

    private static void logAccepted(String line, Actor actor) {
        audit.info(
                "admin={} channel={} command=\"{}\" result=ok",
                Untrusted.escape(actor.admin()),
                Untrusted.escape(actor.channel()),
                Untrusted.escape(line));
    }

    private void recordRefusal(String line, Actor actor, CommandResult result) {
        audit.info(
                "admin={} channel={} command=\"{}\" result=refused reason=\"{}\"",
                Untrusted.escape(actor.admin()),
                Untrusted.escape(actor.channel()),
                Untrusted.escape(line),
                Untrusted.escape(result.output()));
        try {
            store.tx(c -> {
                store.auditLog()
                        .append(
                                c,
                                new AuditEntry(
                                        OffsetDateTime.now(),
                                        actor.admin(),
                                        actor.channel(),
                                        line.length() > 4000 ? line.substring(0, 4000) : line,
                                        false,
                                        result.output()));
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("could not record refused command in the audit log: {}", Untrusted.escape(e.getMessage()));
        }
    }
}
