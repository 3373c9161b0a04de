package io.tlslab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlslab.server.support.Servers;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupFailureTest {
    @TempDir
    Path first;

    @TempDir
    Path second;

    @Test
    void aTakenPortIsNamedAndTheFailedStartReleasesItsDatabase() {
        try (AuthorityServer running = Servers.start(first)) {
            assertThatThrownBy(() -> Servers.builder(second)
                            .consolePort(running.consolePort())
                            .start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + running.consolePort()
                            + " (console): address already in use");
            try (AuthorityServer retried = Servers.start(second)) {
                assertThat(retried.execute("prop.show").ok()).isTrue();
            }
        }
    }

    /**
     * The messaging ports bind SO_REUSEPORT sockets by default (Linux epoll): a second server on the same
     * port must still be refused, never let in to share the first one's connections.
     */
    @Test
    void aSecondServerOnTheSameMessagingPortIsRefusedEvenWithReusePortSockets() {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.tlslab.tls.Transport.epoll(), "SO_REUSEPORT needs epoll");
        try (AuthorityServer running = Servers.start(first)) {
            assertThatThrownBy(() -> Servers.builder(second)
                            .messagingPort(running.messagingPort())
                            .start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + running.messagingPort()
                            + " (endpoints): address already in use");
            assertThat(running.openMessagingConnectionsFrom(java.net.InetAddress.getLoopbackAddress()))
                    .isZero();
        }
    }
}
