package io.tlslab.server.command;

import java.util.LinkedHashMap;
import java.util.Map;

/** Usage of every command, in the words {@code help} prints and refusals quote. */
final class Help {
    static final Map<String, String> USAGE = new LinkedHashMap<>();
    static final Map<String, String> DESCRIPTION = new LinkedHashMap<>();

    static {
        add(
                "prop.set",
                "prop.set <key> <value> [save [all]]",
                "set a server property: running value only; 'save' persists it on this server; 'save all' persists it"
                        + " and replicates it to every server of the environment");
        add(
                "prop.show",
                "prop.show [<key>]",
                "show the effective value of one or every server property and where it came from");
        add(
                "prop.del",
                "prop.del <key> [save [all]]",
                "remove the running value; 'save' also removes the saved value; 'save all' removes it on every server");
        add(
                "setting.set",
                "setting.set system <key> <value>",
                "set a system setting: saved and pushed at once to every connected endpoint");
        add(
                "setting.del",
                "setting.del system <key>",
                "remove a saved system setting (back to its default) and push the settings to every connected endpoint");
        add("setting.show", "setting.show system [<key>]", "show the effective value of one or every system setting");
        add(
                "device.list",
                "device.list [unregistered]",
                "list the devices (GUID, registered or not, retired, version, address); 'unregistered': only those"
                        + " that never proved a device credential");
        add("device.retire", "device.retire <guid>", "refuse every further connection of this device");
        add("device.del", "device.del <guid>", "forget the device and its credential (it may register again)");
        add(
                "replication.show",
                "replication.show",
                "show, per peer of the environment, how many 'save all' changes wait in its outbox and why");
        add("help", "help [<command>]", "list the commands, or show how to use one");
    }

    private Help() {}

    private static void add(String name, String usage, String description) {
        USAGE.put(name, usage);
        DESCRIPTION.put(name, description);
    }

    static String usage(String command) {
        return "usage: " + USAGE.get(command);
    }

    static String all() {
        StringBuilder sb = new StringBuilder("commands:\n");
        USAGE.forEach((name, usage) -> sb.append("  ")
                .append(usage)
                .append("\n      ")
                .append(DESCRIPTION.get(name))
                .append('\n'));
        sb.append("examples:\n")
                .append("  prop.set c42.sabre.server.certificate.useHttpsCertificate true save all\n")
                .append("  setting.set system c42.sabre.client.certificate.strictValidation true\n")
                .append("  prop.set c42.pki.cert.trustedFingerprints 3A:7F:...(40 hex digits) save all");
        return sb.toString();
    }
}
