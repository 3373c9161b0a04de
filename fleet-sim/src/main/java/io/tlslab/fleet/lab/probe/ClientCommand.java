package io.tlslab.fleet.lab.probe;

import io.tlslab.fleet.lab.LabManifest;
import io.tlslab.fleet.lab.LabScenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user's client command, one argument per element, with placeholders filled per scenario. It is run
 * directly, never through a shell (a user who wants one writes {@code sh -c '...'}), so nothing a
 * scenario contributes is ever parsed as shell syntax.
 */
final class ClientCommand {
    /** Placeholders and what they stand for (shown by --help). */
    static final Map<String, String> PLACEHOLDERS = Map.of(
            "url", "https://<dial host>:<port>/",
            "host",
                    "the dial host the certificate must be checked against (localhost, node1.localhost, 127.0.0.1, ...)",
            "port", "the scenario's port",
            "ip", "the address the lab listens on (127.0.0.1): connect there, send {host} as SNI",
            "ca", "PEM file of the scenario's trust anchors",
            "hosts", "hosts(5) file mapping every dial host to 127.0.0.1 (e.g. java -Djdk.net.hosts.file={hosts})",
            "slug", "the scenario's name (expired-leaf)");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

    private final List<String> template;

    ClientCommand(List<String> template) {
        if (template.isEmpty()) {
            throw new IllegalArgumentException("no client command after '--'");
        }
        boolean targets = false;
        for (String arg : template) {
            Matcher m = PLACEHOLDER.matcher(arg);
            while (m.find()) {
                if (!PLACEHOLDERS.containsKey(m.group(1))) {
                    throw new IllegalArgumentException(
                            "unknown placeholder {" + m.group(1) + "} in '" + arg + "'; known: "
                                    + String.join(
                                            ", ",
                                            PLACEHOLDERS.keySet().stream()
                                                    .sorted()
                                                    .map(p -> "{" + p + "}")
                                                    .toList()));
                }
                targets |= m.group(1).equals("url") || m.group(1).equals("port");
            }
        }
        if (!targets) {
            throw new IllegalArgumentException(
                    "the client command names no scenario: use {url}, or {port} with {host}/{ip}");
        }
        this.template = List.copyOf(template);
    }

    List<String> template() {
        return template;
    }

    /** The program's file name, a default label for the client. */
    String program() {
        return Path.of(template.get(0)).getFileName().toString();
    }

    List<String> expand(LabManifest lab, LabScenario s, Path labDirectory) {
        Map<String, String> values = Map.of(
                "url", s.url(),
                "host", s.dialHost(),
                "port", Integer.toString(s.port()),
                "ip", connectAddress(lab.bindAddress()),
                "ca", labDirectory.resolve(s.trustAnchors()).toString(),
                "hosts", labDirectory.resolve(lab.hostsFile()).toString(),
                "slug", s.slug());
        List<String> argv = new ArrayList<>(template.size());
        for (String arg : template) {
            argv.add(PLACEHOLDER.matcher(arg).replaceAll(m -> Matcher.quoteReplacement(values.get(m.group(1)))));
        }
        return argv;
    }

    /** A lab bound to every address is reached on loopback. */
    private static String connectAddress(String bind) {
        return bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("0:0:0:0:0:0:0:0") ? "127.0.0.1" : bind;
    }
}
