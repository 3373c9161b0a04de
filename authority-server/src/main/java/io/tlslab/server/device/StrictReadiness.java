package io.tlslab.server.device;

import io.tlslab.protocol.settings.Fingerprint;
import io.tlslab.protocol.settings.FingerprintList;
import io.tlslab.server.store.DeviceRecord;
import io.tlslab.tls.identity.ServedIdentity;
import java.security.cert.X509Certificate;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What strict validation would conclude for a device <em>now</em>: judged afresh on every read
 * against the certificate 4287 serves and the allowlist at that moment, so the answer follows an
 * allowlist change or a new certificate at once instead of waiting for the device's next audit.
 * <ul>
 *   <li>{@code ACCEPT:ALLOWLISTED} when the served leaf is on the allowlist (strict accepts it whatever its defects);</li>
 *   <li>the device's own audit ({@code ACCEPT} or {@code REJECT:<first reason>}) when it audited the leaf served now;</li>
 *   <li>{@code UNKNOWN:CERTIFICATE_CHANGED} when it audited another certificate, {@code UNKNOWN} without an audit.</li>
 * </ul>
 */
public final class StrictReadiness {
    private final Supplier<ServedIdentity> served;
    private final Supplier<FingerprintList> allowlist;

    public StrictReadiness(Supplier<ServedIdentity> served, Supplier<FingerprintList> allowlist) {
        this.served = served;
        this.allowlist = allowlist;
    }

    /** A judge for many devices against one snapshot of the served leaf and the allowlist. */
    public Function<DeviceRecord, Readiness> snapshot() {
        X509Certificate leaf = served.get().leaf();
        byte[] der = ServedIdentity.der(leaf);
        boolean allowlisted = allowlist.get().matches(der);
        Fingerprint servedSha1 = Fingerprint.sha1(der);
        return d -> judge(d, allowlisted, servedSha1);
    }

    static Readiness judge(DeviceRecord d, boolean servedLeafAllowlisted, Fingerprint servedSha1) {
        if (servedLeafAllowlisted) {
            return Readiness.ALLOWLISTED;
        }
        if (d.auditLeafSha1() == null) {
            return Readiness.UNKNOWN;
        }
        return d.auditLeafSha1().equals(servedSha1) ? DeviceRegistry.strictReadiness(d) : Readiness.CERTIFICATE_CHANGED;
    }
}
