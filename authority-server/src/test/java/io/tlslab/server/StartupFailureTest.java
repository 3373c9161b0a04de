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
}
