package io.tlslab.server.messaging;

import io.tlslab.protocol.wire.Message;
import java.util.Objects;

/** Applies a property another server of the environment saved with {@code save all}. */
public interface ReplicationSink {

    /** What the sink did with an update; the peer session answers accordingly. */
    enum Verdict {
        /** Applied now: acknowledged. */
        APPLIED,
        /**
         * The last update applied from this origin, sent again (its sender lost our acknowledgement,
         * e.g. it crashed first): acknowledged again, not applied again.
         */
        ALREADY_APPLIED,
        /** Invalid, or older than the last applied update from its origin (a replay): refused. */
        REFUSED
    }

    /** A verdict and, unless applied, the one-line reason (sent to the peer when refused). */
    record Answer(Verdict verdict, String why) {
        public Answer {
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(why, "why");
        }

        public static Answer applied() {
            return new Answer(Verdict.APPLIED, "");
        }
    }

    Answer apply(Message.PropertyUpdate update, String peer);
}
