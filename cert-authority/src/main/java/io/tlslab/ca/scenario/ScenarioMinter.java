package io.tlslab.ca.scenario;

import io.tlslab.ca.HeldCertificate;
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
    private boolean prefetchKeys = true;
    private HeldCertificate customRoot;
    private HeldCertificate customIntermediate;

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

    /**
     * Mints below an existing root and intermediate (e.g. made by {@code tlslab-ca init}) instead of
     * the minter's own. Both need RSA keys: the MD5/SHA-1 scenarios sign with them.
     *
     * @throws IllegalArgumentException if a key is not RSA, the intermediate is not issued by the
     *                                  root, or either is not a CA
     */
    public synchronized ScenarioMinter useHierarchy(HeldCertificate root, HeldCertificate intermediate) {
        for (HeldCertificate ca : List.of(root, intermediate)) {
            if (!ca.certificate().getPublicKey().getAlgorithm().equals("RSA")) {
                throw new IllegalArgumentException(ca.subject() + " has a "
                        + ca.certificate().getPublicKey().getAlgorithm()
                        + " key; the scenarios need an RSA root and intermediate (MD5/SHA-1 signatures)");
            }
            if (ca.certificate().getBasicConstraints() < 0) {
                throw new IllegalArgumentException(ca.subject() + " is not a CA certificate");
            }
        }
        try {
            intermediate.certificate().verify(root.certificate().getPublicKey());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException(intermediate.subject() + " is not signed by " + root.subject());
        }
        this.customRoot = root;
        this.customIntermediate = intermediate;
        shared.useHierarchy(root, intermediate);
        return this;
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
        if (!reuseKeys && customRoot != null) {
            w.useHierarchy(customRoot, customIntermediate);
        }
        ScenarioChain chain = scenario.mint(w, h);
        return new MintedScenario(
                scenario,
                h,
                scenario.dialHost(h),
                chain.leaf(),
                chain.servedChain(),
                chain.trustAnchors(),
                chain.crls());
    }

    /** Every scenario of the catalogue, in declaration order. */
    public List<MintedScenario> mintAll(String host) {
        HostNames.requireDnsName(host);
        if (prefetchKeys) {
            keys.prefetch(
                    ScenarioWorkbench.expensiveKeys(customRoot == null),
                    Math.max(2, Runtime.getRuntime().availableProcessors()));
        }
        List<MintedScenario> all = new ArrayList<>();
        for (Scenario s : Scenario.values()) {
            all.add(mint(s, host));
        }
        return List.copyOf(all);
    }

    /**
     * Whether {@link #mintAll} generates the RSA keys ahead on background threads (default on; only
     * with key reuse). Off makes every key generation sequential, for comparing the two effects.
     */
    public synchronized ScenarioMinter prefetchKeys(boolean on) {
        this.prefetchKeys = on;
        return this;
    }

    /** How many key pairs this minter generated so far (the cost the key reuse saves). */
    public int keysGenerated() {
        return keys.generated();
    }
}
