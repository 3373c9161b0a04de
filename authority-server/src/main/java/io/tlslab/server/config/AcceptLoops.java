package io.tlslab.server.config;

/**
 * How many listening sockets each messaging port binds. {@link #AUTO} (the default): one SO_REUSEPORT
 * socket per worker event loop where Linux epoll is in use, so each connection is accepted and served on
 * the same loop and never handed between threads (about a fifth more handshakes per second on the bench);
 * one plain socket elsewhere. {@link #SINGLE}: one plain listening socket, accepting on its own thread.
 * N: N SO_REUSEPORT sockets spread over the worker loops.
 *
 * <p>Before binding SO_REUSEPORT sockets to a fixed port the listener binds that port once without the
 * option: a port already held (by another tlslab server too, whose sockets then refuse the probe) is an
 * "address already in use" error, never a silent share of the connections.
 *
 * @param count sockets per port; -1 stands for {@link #AUTO}
 */
public record AcceptLoops(int count) {
    public static final AcceptLoops AUTO = new AcceptLoops(-1);
    public static final AcceptLoops SINGLE = new AcceptLoops(0);
    static final int MAX = 256;

    public AcceptLoops {
        if (count < -1 || count > MAX) {
            throw new IllegalArgumentException(
                    "accept loops " + count + " out of range: expected auto, 0 (one listener) or 1 to " + MAX);
        }
    }

    /** {@code auto}, {@code 0} or a count: the form of {@code --accept-loops}. */
    public static AcceptLoops parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("auto")) {
            return AUTO;
        }
        int n;
        try {
            n = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "accept loops '" + text + "': expected auto, 0 (one listener) or 1 to " + MAX);
        }
        if (n < 0) {
            throw new IllegalArgumentException(
                    "accept loops " + n + " out of range: expected auto, 0 (one listener) or 1 to " + MAX);
        }
        return new AcceptLoops(n);
    }

    /**
     * Sockets to bind given the worker loops and whether SO_REUSEPORT is available; 0 means one plain
     * listening socket.
     */
    public int sockets(int workerLoops, boolean reusePortAvailable) {
        if (!reusePortAvailable) {
            return 0;
        }
        return count == -1 ? (workerLoops > 1 ? workerLoops : 0) : count;
    }

    @Override
    public String toString() {
        return count == -1 ? "auto" : Integer.toString(count);
    }
}
