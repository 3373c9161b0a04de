package io.tlslab.fleet.lab;

import java.util.Map;

/**
 * One scenario as the lab serves it, as written to {@code scenarios.json}: where to point a client and
 * what it must conclude.
 *
 * @param slug         the scenario's kebab name ({@code expired-leaf})
 * @param name         the catalogue constant ({@code EXPIRED_LEAF})
 * @param dialHost     the name the client must dial and check ({@code localhost}, {@code node1.localhost},
 *                     {@code 127.0.0.1}); it resolves to loopback (see {@code hosts})
 * @param port         the TCP port presenting this scenario's chain
 * @param url          {@code https://<dialHost>:<port>/}
 * @param trustAnchors PEM file of the anchors a client of this scenario is configured with, relative to
 *                     the directory of {@code scenarios.json}
 * @param expected     per tlslab endpoint kind ({@code ClientMode.label()}): {@code ACCEPT} or {@code REJECT:<REASON>}
 * @param profiles     what an outside client validating under each profile must conclude (same form);
 *                     {@code article} is the strict column
 */
public record LabScenario(
        String slug,
        String name,
        String description,
        String dialHost,
        int port,
        String url,
        String trustAnchors,
        Map<String, String> expected,
        Map<String, String> profiles) {

    public LabScenario {
        expected = Map.copyOf(expected);
        profiles = Map.copyOf(profiles);
    }

    /** The outcome an outside client validating under {@code profile} must reach; null if the profile is unknown. */
    public String expectedFor(String profile) {
        return profiles.get(profile);
    }
}
