package io.tlslab.fleet.load;

import java.net.InetSocketAddress;

/**
 * Where the fleet connects: the server's socket address, and the host name the endpoints dial (the
 * TLS peer host / SNI they validate against), which may differ from the address (e.g. {@code node1.localhost}).
 */
public record LoadTarget(InetSocketAddress address, String dialHost) {

    public LoadTarget {
        if (address.isUnresolved()) {
            address = new InetSocketAddress(address.getHostString(), address.getPort());
        }
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve target host '" + address.getHostString() + "'");
        }
        if (!address.getAddress().isLoopbackAddress() && !address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("target " + address + " is not a loopback address: the fleet only "
                    + "loads servers on this machine (127.0.0.0/8, ::1) or containers it created");
        }
    }

    @Override
    public String toString() {
        return dialHost + " @ " + address.getHostString() + ":" + address.getPort();
    }
}
