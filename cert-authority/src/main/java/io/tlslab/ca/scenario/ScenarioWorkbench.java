package io.tlslab.ca.scenario;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.KeySpec;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The shared material scenario recipes mint from: keys by role, and CA certificates, each made once
 * and cached (CA certificates do not depend on the host, so one hierarchy serves every host). All
 * validity periods are relative to one "now" per minter, backdated a day against clock skew.
 */
final class ScenarioWorkbench {
    static final String LOOPBACK_IP = "127.0.0.1";
    static final String ORG = "tlslab";
    static final Duration CLOCK_SKEW = Duration.ofDays(1);
    static final Duration ROOT_LIFETIME = Duration.ofDays(3650);
    static final Duration INTERMEDIATE_LIFETIME = Duration.ofDays(1825);
    static final Duration LEAF_LIFETIME = Duration.ofDays(90);

    // Key slots: leaves share one key per type; each CA role has its own. Only the good root and
    // intermediate need RSA (they make the MD5/SHA-1 signatures); the CAs of the broken hierarchies
    // use P-256 keys, which cost milliseconds instead of the hundreds an RSA key costs.
    static final String LEAF = "leaf";
    static final String ROOT = "root";
    static final String INTERMEDIATE = "intermediate";
    static final String OTHER_ROOT = "other-root";
    static final String EXPIRED_ROOT = "expired-root";
    static final String SPECIAL_CA = "special-ca";
    static final String SPECIAL_CA_2 = "special-ca-2";
    // second-wave roles reuse keys of other roles (distinct names keep them apart): no extra key generation
    static final String OLD_ROOT = EXPIRED_ROOT;
    static final String CYCLE_A_KEY = SPECIAL_CA;
    static final String CYCLE_B_KEY = SPECIAL_CA_2;

    private final Clock clock;
    private final KeyPool keys;
    private final Map<String, HeldCertificate> cas = new HashMap<>();

    ScenarioWorkbench(Clock clock, KeyPool keys) {
        this.clock = clock;
        this.keys = keys;
    }

    /** Uses an existing root and intermediate (from {@code tlslab-ca init}) as the good hierarchy. */
    void useHierarchy(HeldCertificate root, HeldCertificate intermediate) {
        cas.put("root", root);
        cas.put("intermediate", intermediate);
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    KeyPair key(String slot, KeySpec spec) {
        return keys.get(slot, spec);
    }

    /** A CA certificate made at most once per workbench. */
    HeldCertificate ca(String name, Supplier<HeldCertificate> mint) {
        HeldCertificate held = cas.get(name);
        if (held == null) {
            held = mint.get();
            cas.put(name, held);
        }
        return held;
    }

    /** A CA builder: the given CN, a key from the given slot, valid for {@code lifetime} from yesterday. */
    HeldCertificate.Builder caBuilder(String commonName, String keySlot, KeySpec spec, Duration lifetime) {
        return HeldCertificate.builder()
                .clock(clock)
                .organization(ORG)
                .commonName(commonName)
                .keyPair(key(keySlot, spec))
                .certificateAuthority()
                .validityInterval(now().minus(CLOCK_SKEW), now().plus(lifetime));
    }

    /** The good root: RSA-2048, self-signed, the trust anchor of most scenarios. */
    HeldCertificate root() {
        return ca(
                "root",
                () -> caBuilder("tlslab Root CA", ROOT, KeySpec.RSA_2048, ROOT_LIFETIME)
                        .build());
    }

    /** The good intermediate: RSA-2048, signed by {@link #root()}, issues most leaves. */
    HeldCertificate intermediate() {
        return ca(
                "intermediate",
                () -> caBuilder("tlslab Intermediate CA", INTERMEDIATE, KeySpec.RSA_2048, INTERMEDIATE_LIFETIME)
                        .certificateAuthority(0)
                        .signedBy(root())
                        .build());
    }

    /** An all-EC hierarchy for the given curve. */
    HeldCertificate ecRoot(KeySpec curve) {
        return ca(
                "root " + curve,
                () -> caBuilder("tlslab " + curve + " Root CA", ROOT, curve, ROOT_LIFETIME)
                        .build());
    }

    HeldCertificate ecIntermediate(KeySpec curve) {
        return ca(
                "intermediate " + curve,
                () -> caBuilder("tlslab " + curve + " Intermediate CA", INTERMEDIATE, curve, INTERMEDIATE_LIFETIME)
                        .certificateAuthority(0)
                        .signedBy(ecRoot(curve))
                        .build());
    }

    /** An intermediate below the good root for one scenario; {@code customize} adds its defect. */
    HeldCertificate specialIntermediate(
            String commonName, java.util.function.UnaryOperator<HeldCertificate.Builder> customize) {
        return ca(
                commonName,
                () -> customize
                        .apply(caBuilder(commonName, SPECIAL_CA, KeySpec.EC_P256, INTERMEDIATE_LIFETIME)
                                .signedBy(root()))
                        .build());
    }

    /** A leaf for {@code host}: CN and DNS SAN = host, shared RSA-2048 key, 90 days, issued by the good intermediate. */
    HeldCertificate.Builder leaf(String host) {
        return leaf(host, KeySpec.RSA_2048, intermediate());
    }

    /** As {@link #leaf(String)} but issued by {@code issuer} (null: self-signed). */
    HeldCertificate.Builder leaf(String host, HeldCertificate issuer) {
        return leaf(host, KeySpec.RSA_2048, issuer);
    }

    /** As {@link #leaf(String)} with the shared leaf key of type {@code spec}, issued by {@code issuer}. */
    HeldCertificate.Builder leaf(String host, KeySpec spec, HeldCertificate issuer) {
        return HeldCertificate.builder()
                .clock(clock)
                .commonName(host)
                .addSubjectAlternativeName(host)
                .keyPair(key(LEAF, spec))
                .validityInterval(now().minus(CLOCK_SKEW), now().plus(LEAF_LIFETIME))
                .signedBy(issuer);
    }

    /** The keys almost every catalogue run needs, slowest first: worth generating ahead in parallel. */
    static List<KeyPool.Request> expensiveKeys(boolean ownHierarchy) {
        List<KeyPool.Request> leaves =
                List.of(new KeyPool.Request(LEAF, KeySpec.RSA_2048), new KeyPool.Request(LEAF, KeySpec.rsa(1024)));
        if (!ownHierarchy) {
            return leaves;
        }
        List<KeyPool.Request> all = new ArrayList<>(List.of(
                new KeyPool.Request(ROOT, KeySpec.RSA_2048), new KeyPool.Request(INTERMEDIATE, KeySpec.RSA_2048)));
        all.addAll(leaves);
        return all;
    }

    /** Served: leaf then intermediates (issuer of the leaf first); trusted: the root. */
    static ScenarioChain chain(HeldCertificate leaf, HeldCertificate root, HeldCertificate... intermediates) {
        List<X509Certificate> served = new ArrayList<>();
        served.add(leaf.certificate());
        for (HeldCertificate i : intermediates) {
            served.add(i.certificate());
        }
        return new ScenarioChain(leaf, served, List.of(root.certificate()));
    }

    /** The common case: leaf issued by the good intermediate, good root trusted. */
    ScenarioChain standard(HeldCertificate leaf) {
        return chain(leaf, root(), intermediate());
    }
}
