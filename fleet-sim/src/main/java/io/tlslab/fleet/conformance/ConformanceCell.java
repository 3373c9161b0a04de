package io.tlslab.fleet.conformance;

import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.protocol.validation.ValidationProfile;
import io.tlslab.tls.TlsEngine;

/**
 * One cell of the conformance matrix: what a real endpoint of one kind, on one TLS engine, concluded
 * about a server presenting one scenario, against what the scenario's manifest says it must conclude.
 *
 * @param profile       the validation profile the endpoint ran with
 * @param expected      the manifest's outcome for that profile ({@code ACCEPT} or {@code REJECT:<REASON>})
 * @param observed      what the endpoint did, same form; {@code ERROR:<cause>} when the handshake failed
 *                      for a reason that is not a validation verdict
 * @param auditExpected for non-enforcing modes: what strict validation would conclude (the audit), else null
 * @param auditObserved the audit the endpoint reported, else null
 */
public record ConformanceCell(
        String scenario,
        ValidationProfile profile,
        ClientMode mode,
        TlsEngine engine,
        String expected,
        String observed,
        String auditExpected,
        String auditObserved) {

    public boolean matches() {
        return expected.equals(observed) && java.util.Objects.equals(auditExpected, auditObserved);
    }

    /** The cell as a table shows it: ACCEPT, or the reason code of a reject, or the error. */
    public String shortObserved() {
        return observed.startsWith("REJECT:") ? observed.substring(7) : observed;
    }
}
