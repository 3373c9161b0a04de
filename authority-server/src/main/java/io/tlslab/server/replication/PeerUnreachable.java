package io.tlslab.server.replication;

/** A delivery attempt failed before the peer answered; the one-line message says why. */
final class PeerUnreachable extends Exception {
    PeerUnreachable(String why) {
        super(why, null, false, false);
    }
}
