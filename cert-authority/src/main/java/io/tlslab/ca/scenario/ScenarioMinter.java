package io.tlslab.ca.scenario;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Mints scenarios. With key reuse on (the default), keys and the CA hierarchy are made once, lazily,
 * and shared by every scenario and host this minter mints; with it off, every certificate gets a
 * fresh key and every scenario its own CAs (the slow baseline the benchmark compares against).
 * Thread-safe.
 */
public final class ScenarioMinter {
    private final Clock clock;
    private final boolean reuseKeys;
    private final KeyPool keys;
    private final ScenarioWorkbench shared;

    /** Reuses keys; "now" is the system clock at each certificate's creation. */
    public ScenarioMinter() {
        this(Clock.systemUTC(), true);
    }

    public ScenarioMinter(Clock clock, boolean reuseKeys) {
        this.clock = clock;
        this.reuseKeys = reuseKeys;
        this.keys = new KeyPool(reuseKeys);
        this.shared = new ScenarioWorkbench(clock, keys);
    }

    /** The slow baseline: a fresh key for every certificate. */
    public static ScenarioMinter withoutKeyReuse() {
        return new ScenarioMinter(Clock.systemUTC(), false);
    }

    /**
     * Mints one scenario for {@code host}.
     *
     * @throws IllegalArgumentException if {@code host} is not a DNS name (see {@link HostNames})
     */
    public synchronized MintedScenario mint(Scenario scenario, String host) {
        String h = HostNames.requireDnsName(host);
        ScenarioWorkbench w = reuseKeys ? shared : new ScenarioWorkbench(clock, keys);
        ScenarioChain chain = scenario.mint(w, h);
        return new MintedScenario(scenario, h, scenario.dialHost(h), chain.leaf(), chain.servedChain(),
                chain.trustAnchors());
    }

    /** Every scenario of the catalogue, in declaration order. */
    public List<MintedScenario> mintAll(String host) {
        List<MintedScenario> all = new ArrayList<>();
        for (Scenario s : Scenario.values()) {
            all.add(mint(s, host));
        }
        return List.copyOf(all);
    }

    /** How many key pairs this minter generated so far (the cost the key reuse saves). */
    public int keysGenerated() {
        return keys.generated();
    }
}
