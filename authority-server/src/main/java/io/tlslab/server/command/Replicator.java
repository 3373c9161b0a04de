package io.tlslab.server.command;

/**
 * Sends a property saved with {@code save all} to the other servers of the environment over 4288.
 * A {@code null} value replicates a deletion.
 */
public interface Replicator {

    /** What happened: how many peers took it, and a one-line summary for the admin. */
    record Report(int peers, int acknowledged, String summary) {
        public boolean complete() {
            return acknowledged == peers;
        }
    }

    Report replicate(String key, String value);

    /** For a server without peers: {@code save all} then behaves as {@code save}. */
    static Replicator none() {
        return (key, value) -> new Report(0, 0, "no other servers configured in this environment");
    }
}
