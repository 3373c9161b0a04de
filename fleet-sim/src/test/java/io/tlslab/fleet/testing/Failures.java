package io.tlslab.fleet.testing;

import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import io.tlslab.tls.failure.ConnectionFailure;
import io.tlslab.tls.failure.FailureKind;
import io.tlslab.tls.validation.Verdict;
import java.util.List;

/** Typed failures for recorder and report tests. */
public final class Failures {
    private Failures() {}

    /** A rejection by tlslab's validator with {@code reason} as the primary reason. */
    public static ConnectionFailure rejected(ReasonCode reason) {
        Outcome rejected = Outcome.rejected(reason);
        return new ConnectionFailure.Rejected(new Verdict(rejected, rejected, List.of(), false, List.of(), false));
    }

    public static ConnectionFailure transport(FailureKind kind) {
        return ConnectionFailure.Transport.of(kind);
    }

    /** Parses a code as reports write it: a reason code, else a failure kind. */
    public static ConnectionFailure of(String code) {
        for (ReasonCode r : ReasonCode.values()) {
            if (r.name().equals(code)) {
                return rejected(r);
            }
        }
        return transport(FailureKind.valueOf(code));
    }
}
