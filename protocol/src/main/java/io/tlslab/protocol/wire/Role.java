package io.tlslab.protocol.wire;

/** Who is on the other end of a messaging connection (SPEC §4). */
public enum Role {
    /** An endpoint app (client-to-server, port 4287). */
    ENDPOINT,
    /** Another authority server of the same environment (server-to-server, port 4288). */
    AUTHORITY,
    /** A storage server (server-to-server, port 4288). */
    STORAGE
}
