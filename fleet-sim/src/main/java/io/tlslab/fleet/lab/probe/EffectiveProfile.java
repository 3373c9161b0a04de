package io.tlslab.fleet.lab.probe;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names what a client's pattern of answers says about its validation, one phrase per behaviour
 * ("accepts SHA-1 leaves", "no hostname check"), so a reader need not decode the table. Keyed by
 * scenario name; a scenario added to the catalogue later still gets a generic phrase.
 */
final class EffectiveProfile {
    private static final Map<String, String> WHEN_ACCEPTED = Map.ofEntries(
            Map.entry("SELF_SIGNED", "trusts a self-signed certificate it was not given"),
            Map.entry("UNTRUSTED_ROOT", "trusts a root it was not given"),
            Map.entry("EXPIRED_LEAF", "accepts expired leaves"),
            Map.entry("ALLOWLISTED_EXPIRED", "accepts expired leaves"),
            Map.entry("EXPIRED_INTERMEDIATE", "accepts expired intermediates"),
            Map.entry("EXPIRED_ROOT", "does not check the trust anchor's validity (accepts an expired root)"),
            Map.entry("NOT_YET_VALID", "accepts not-yet-valid certificates"),
            Map.entry("WRONG_HOST", "no hostname check"),
            Map.entry("WILDCARD_TOO_DEEP", "a wildcard matches more than one label"),
            Map.entry("MD5_LEAF", "accepts MD5-signed leaves"),
            Map.entry("MD5_INTERMEDIATE", "accepts MD5-signed intermediates"),
            Map.entry("SHA1_LEAF", "accepts SHA-1 leaves"),
            Map.entry("SHA1_INTERMEDIATE", "accepts SHA-1 intermediates"),
            Map.entry("TAMPERED_SIGNATURE", "does not verify signatures"),
            Map.entry("INCOMPLETE_CHAIN", "accepts a chain it cannot complete"),
            Map.entry("INTERMEDIATE_NOT_CA", "accepts an issuer that is not a CA (basicConstraints ignored)"),
            Map.entry("PATH_LENGTH_EXCEEDED", "ignores pathLenConstraint"),
            Map.entry("LEAF_EKU_CLIENT_AUTH_ONLY", "ignores the leaf's extended key usage"),
            Map.entry("WEAK_RSA_1024", "accepts RSA-1024 keys"),
            Map.entry("NAME_CONSTRAINTS_VIOLATION", "ignores name constraints"));
    private static final Map<String, String> WHEN_REJECTED = Map.ofEntries(
            Map.entry("CN_ONLY", "no CN fallback (SAN only, as browsers)"),
            Map.entry(
                    "WILDCARD",
                    "refuses this wildcard (OpenSSL-based clients refuse *.<single label>, e.g. *.localhost)"),
            Map.entry("IP_SAN", "no IP-address SAN match"),
            Map.entry("REVERSED_CHAIN", "needs the served chain in issuer order"),
            Map.entry("SAN_ONLY", "refuses a certificate with an empty subject"),
            Map.entry("MANY_SANS", "refuses a certificate with 100 SANs"));
    /** Accepting all of these means no validation at all; listing each defect would hide that. */
    private static final List<String> ANYTHING_GOES =
            List.of("SELF_SIGNED", "UNTRUSTED_ROOT", "WRONG_HOST", "EXPIRED_LEAF");

    private EffectiveProfile() {}

    static List<String> traits(List<ProbeCell> cells) {
        Set<String> falseAccepts = new LinkedHashSet<>();
        cells.stream()
                .filter(c -> c.verdict() == ProbeCell.Verdict.FALSE_ACCEPT)
                .forEach(c -> falseAccepts.add(c.scenario()));
        Set<String> traits = new LinkedHashSet<>();
        if (falseAccepts.containsAll(ANYTHING_GOES)) {
            traits.add("no certificate validation at all (accepts self-signed, untrusted, expired and wrong-host)");
        }
        for (ProbeCell c : cells) {
            switch (c.verdict()) {
                case FALSE_ACCEPT -> {
                    if (!falseAccepts.containsAll(ANYTHING_GOES) || !ANYTHING_GOES.contains(c.scenario())) {
                        traits.add(WHEN_ACCEPTED.getOrDefault(c.scenario(), "accepts " + c.slug()));
                    }
                }
                case FALSE_REJECT -> traits.add(WHEN_REJECTED.getOrDefault(c.scenario(), "refuses valid " + c.slug()));
                case AGREES -> {
                    if (c.scenario().equals("CN_ONLY") && c.answer() == ProbeCell.Answer.ACCEPTED) {
                        traits.add("CN fallback (uses the subject CN when there is no SAN)");
                    }
                }
                case NO_ANSWER -> {}
            }
        }
        long silent = cells.stream()
                .filter(c -> c.verdict() == ProbeCell.Verdict.NO_ANSWER)
                .count();
        if (silent > 0) {
            traits.add("no answer on " + silent + " scenario(s) (timed out or did not start)");
        }
        List<String> list = new ArrayList<>(traits);
        if (cells.stream().allMatch(c -> c.verdict() == ProbeCell.Verdict.AGREES) && !cells.isEmpty()) {
            list.add(0, "agrees with the profile on every scenario");
        }
        return list;
    }
}
