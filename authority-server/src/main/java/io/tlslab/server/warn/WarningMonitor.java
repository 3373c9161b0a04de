package io.tlslab.server.warn;

import io.tlslab.protocol.cert.CertificateFacts;
import io.tlslab.protocol.settings.FingerprintList;
import io.tlslab.protocol.validation.ReasonCode;
import io.tlslab.tls.identity.ServedIdentity;
import io.tlslab.tls.validation.CertificateValidator;
import io.tlslab.tls.validation.TrustAnchors;
import io.tlslab.tls.validation.ValidationPolicy;
import io.tlslab.tls.validation.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Decides which warnings hold right now from the served certificates and the strict setting. The
 * served messaging chain is judged by the endpoints' own validator, for the first configured host
 * name. Without configured trust anchors the server cannot know the roots its endpoints trust,
 * so "untrusted root" and "incomplete chain" are not judged; everything else is.
 */
public final class WarningMonitor {
    private static final Set<ReasonCode> NEED_ANCHORS =
            EnumSet.of(ReasonCode.UNTRUSTED_ROOT, ReasonCode.INCOMPLETE_CHAIN);

    private final Warnings warnings;
    private final Supplier<Map<String, ServedIdentity>> served;
    private final BooleanSupplier strict;
    private final Supplier<FingerprintList> allowlist;
    private final String host;
    private final CertificateValidator validator;
    private final boolean anchorsKnown;
    private final Duration window;
    private final Clock clock;

    /**
     * @param served    the certificates served right now, by listener label
     * @param anchors   the roots the endpoints trust, or null when unknown
     */
    public WarningMonitor(
            Warnings warnings,
            Supplier<Map<String, ServedIdentity>> served,
            BooleanSupplier strict,
            Supplier<FingerprintList> allowlist,
            String host,
            TrustAnchors anchors,
            Duration window,
            Clock clock) {
        this.warnings = warnings;
        this.served = served;
        this.strict = strict;
        this.allowlist = allowlist;
        this.host = host;
        this.anchorsKnown = anchors != null;
        this.validator = new CertificateValidator(anchors != null ? anchors : TrustAnchors.of(List.of()));
        this.window = window;
        this.clock = clock;
    }

    /** Strict validation just changed from {@code was} to {@code now}. */
    public void strictChanged(boolean was, boolean now) {
        if (was && !now) {
            warnings.raise(
                    WarningKind.STRICT_VALIDATION_DISABLED,
                    "strict certificate validation was switched off;" + " we recommend that you do not disable it");
        } else if (now) {
            warnings.clear(WarningKind.STRICT_VALIDATION_DISABLED);
        }
        evaluate();
    }

    public void evaluate() {
        Instant now = clock.instant();
        List<String> expiring = new ArrayList<>();
        for (Map.Entry<String, ServedIdentity> e : served.get().entrySet()) {
            CertificateFacts leaf = CertificateFacts.of(e.getValue().leaf());
            long days = leaf.daysToExpiry(now);
            if (leaf.notAfter().isBefore(now.plus(window))) {
                expiring.add(e.getKey() + " certificate " + leaf.subject()
                        + (days < 0 ? " expired on " : " expires on ") + leaf.notAfter() + " (" + days + " days)");
            }
        }
        if (expiring.isEmpty()) {
            warnings.clear(WarningKind.CERTIFICATE_EXPIRING);
        } else {
            warnings.raise(WarningKind.CERTIFICATE_EXPIRING, String.join("; ", expiring));
        }
        ServedIdentity messaging = served.get().get("messaging");
        if (!strict.getAsBoolean() || messaging == null) {
            warnings.clear(WarningKind.STRICT_WITH_FAILING_CERTIFICATE);
            return;
        }
        Verdict v = validator.validate(
                messaging.chain(), host, now, ValidationPolicy.strict().withAllowlist(allowlist.get()));
        Set<ReasonCode> failing = v.allowlistOverride()
                ? Set.of()
                : v.findings().stream()
                        .map(f -> f.reason())
                        .filter(r -> anchorsKnown || !NEED_ANCHORS.contains(r))
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(ReasonCode.class)));
        if (failing.isEmpty()) {
            warnings.clear(WarningKind.STRICT_WITH_FAILING_CERTIFICATE);
        } else {
            warnings.raise(
                    WarningKind.STRICT_WITH_FAILING_CERTIFICATE,
                    "strict validation is on but the certificate" + " served on 4287/4288 would fail it (" + failing
                            + "): strict endpoints will refuse to connect");
        }
    }
}
