package io.tlslab.tls.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.scenario.Scenario;
import io.tlslab.ca.scenario.ScenarioMinter;
import io.tlslab.protocol.settings.FingerprintList;
import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ValidationProfile;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every catalogue scenario, validated directly (no network) in every endpoint mode, must give exactly
 * the outcome the cert-authority's manifest states. Also checks the audit side: a non-strict endpoint
 * reports what strict would conclude, and an allowlisted one says the allowlist overrode the checks.
 */
class ScenarioMatrixTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Map<Scenario, MintedScenario> MINTED = mintAll();

    private static Map<Scenario, MintedScenario> mintAll() {
        ScenarioMinter minter = new ScenarioMinter(Clock.fixed(NOW, ZoneOffset.UTC), true);
        Map<Scenario, MintedScenario> all = new EnumMap<>(Scenario.class);
        for (MintedScenario m : minter.mintAll("localhost")) {
            all.put(m.scenario(), m);
        }
        return all;
    }

    static Stream<Arguments> scenarioByMode() {
        List<Arguments> cases = new ArrayList<>();
        for (ValidationProfile profile : ValidationProfile.values()) {
            for (Scenario s : Scenario.values()) {
                for (ClientMode mode : List.of(ClientMode.STRICT, ClientMode.NON_STRICT, ClientMode.ALLOWLISTED)) {
                    cases.add(Arguments.of(s, mode, profile));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1} endpoint, {2} -> manifest outcome")
    @MethodSource("scenarioByMode")
    void verdictEqualsManifest(Scenario scenario, ClientMode mode, ValidationProfile profile) {
        MintedScenario m = MINTED.get(scenario);
        FingerprintList allowlist = mode == ClientMode.ALLOWLISTED ? m.allowlist() : FingerprintList.empty();

        Verdict verdict = validate(
                m,
                ValidationPolicy.forMode(mode, allowlist).withProfile(profile).withCrls(m.crls()));

        assertThat(verdict.outcome())
                .as("%s: findings %s", scenario, verdict.findings())
                .isEqualTo(m.expected(mode, profile));
        assertThat(verdict.strictOutcome())
                .as("strict conclusion (audit) for %s", scenario)
                .isEqualTo(
                        mode == ClientMode.ALLOWLISTED ? Outcome.accepted() : m.expected(ClientMode.STRICT, profile));
        Outcome strict = m.expected(ClientMode.STRICT, profile);
        if (strict.isAccepted()) {
            assertThat(verdict.findings())
                    .as("a scenario strict accepts has no failed check")
                    .isEmpty();
        } else {
            assertThat(verdict.primaryFinding()).as("primary finding").isEqualTo(strict.reason());
        }
        assertThat(verdict.allowlistOverride()).isEqualTo(mode == ClientMode.ALLOWLISTED && !strict.isAccepted());
    }

    @Test
    void oneSharedValidatorGivesTheSameVerdictsFromManyThreads() throws Exception {
        MintedScenario valid = MINTED.get(Scenario.VALID_RSA_2048);
        List<X509Certificate> roots = new ArrayList<>(valid.trustAnchors());
        MINTED.values().forEach(m -> roots.addAll(m.trustAnchors()));
        CertificateValidator shared = new CertificateValidator(TrustAnchors.of(roots));
        List<MintedScenario> all = new ArrayList<>(MINTED.values());
        Map<Scenario, Outcome> sequential = new EnumMap<>(Scenario.class);
        for (MintedScenario m : all) {
            sequential.put(
                    m.scenario(),
                    shared.validate(m.servedChain(), m.dialHost(), NOW, ValidationPolicy.strict())
                            .outcome());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 5; round++) {
                        for (MintedScenario m : all) {
                            Outcome o = shared.validate(m.servedChain(), m.dialHost(), NOW, ValidationPolicy.strict())
                                    .outcome();
                            if (!o.equals(sequential.get(m.scenario()))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static Verdict validate(MintedScenario m, ValidationPolicy policy) {
        return new CertificateValidator(TrustAnchors.of(m.trustAnchors()))
                .validate(m.servedChain(), m.dialHost(), NOW, policy);
    }
}
