package io.tlslab.tls.validation;

import io.tlslab.protocol.validation.ReasonCode;
import java.util.Objects;

/**
 * One strict check that failed.
 *
 * @param reason           the reason code of the check
 * @param detail           one human sentence naming the certificate and what is wrong with it
 * @param certificateIndex position in the validated path ({@link Verdict#path()}): 0 is the leaf,
 *                         the last one the trust anchor (or where path building stopped);
 *                         -1 when the finding is about the path as a whole
 */
public record Finding(ReasonCode reason, String detail, int certificateIndex) {
    public Finding {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return reason + (certificateIndex >= 0 ? "[" + certificateIndex + "]" : "") + ": " + detail;
    }
}
