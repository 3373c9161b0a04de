package io.tlslab.fleet.lab;

import java.util.List;

/**
 * The lab's {@code scenarios.json}: every served scenario and the files a client needs. Paths are
 * relative to the file's directory so the whole directory can be copied out of a container.
 *
 * @param tool             always {@value #TOOL}
 * @param host             the host the catalogue was minted for
 * @param bindAddress      the address every listener binds
 * @param indexPort        the port of the index page (plain HTTP)
 * @param trustAnchorsAll  PEM file with the union of every scenario's trust anchors (one CA bundle for a
 *                         client that takes a single trust store; no scenario's expectation changes with it)
 * @param hostsFile        hosts(5) file mapping every dial host to 127.0.0.1
 * @param certificates     directory of the minted set (cert-authority layout, with its own manifest.json)
 */
public record LabManifest(
        String tool,
        int formatVersion,
        String host,
        String bindAddress,
        int indexPort,
        String trustAnchorsAll,
        String hostsFile,
        String certificates,
        List<LabScenario> scenarios) {

    public static final String TOOL = "tlslab-lab";
    public static final int FORMAT_VERSION = 1;
    public static final String FILE_NAME = "scenarios.json";

    public LabManifest {
        scenarios = List.copyOf(scenarios);
    }

    /** The scenario with this slug or catalogue name. */
    public LabScenario scenario(String slugOrName) {
        for (LabScenario s : scenarios) {
            if (s.slug().equalsIgnoreCase(slugOrName) || s.name().equalsIgnoreCase(slugOrName)) {
                return s;
            }
        }
        throw new IllegalArgumentException("the lab serves no scenario '" + slugOrName + "'");
    }
}
