package io.tlslab.client.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlslab.protocol.wire.ProductVersion;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.retry.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointPropertiesTest {

    @TempDir
    Path dir;

    @Test
    void defaultsWorkAgainstALocalServer() {
        EndpointConfig config =
                EndpointProperties.resolve(null, Map.of(), Map.of()).toBuilder().build();
        assertThat(config.serverHost()).isEqualTo("127.0.0.1");
        assertThat(config.serverPort()).isEqualTo(4287);
        assertThat(config.dialHost()).isEqualTo("127.0.0.1");
        assertThat(config.version()).isEqualTo(new ProductVersion(6, 0));
        assertThat(config.retryPolicy()).isEqualTo(RetryPolicy.defaults());
        assertThat(config.engine()).isEqualTo(TlsEngine.preferred());
        assertThat(EndpointProperties.resolve(null, Map.of(), Map.of()).dataDir())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".tlslab", "endpoint"));
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFile() throws Exception {
        Path file = dir.resolve("endpoint.properties");
        Files.writeString(file, "server.host=file-host\nserver.port=1111\nversion=5.4\nretry=fixed:10s\n");
        Map<String, String> env = Map.of("TLSLAB_SERVER_PORT", "2222", "TLSLAB_VERSION", "6.5", "PATH", "/usr/bin");
        Map<String, String> flags = new HashMap<>();
        flags.put(EndpointProperties.VERSION, "6.0");
        flags.put(EndpointProperties.GUID, null); // an absent flag does not override

        EndpointConfig config =
                EndpointProperties.resolve(file, env, flags).toBuilder().build();
        assertThat(config.serverHost()).isEqualTo("file-host");
        assertThat(config.serverPort()).isEqualTo(2222);
        assertThat(config.version()).isEqualTo(new ProductVersion(6, 0));
        assertThat(config.retryPolicy()).isEqualTo(RetryPolicy.fixed(Duration.ofSeconds(10)));
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(
                        () -> EndpointProperties.resolve(null, Map.of("TLSLAB_VERSION", "six"), Map.of()).toBuilder())
                .hasMessageStartingWith("version: 'six' is not a version");
        assertThatThrownBy(() -> EndpointProperties.resolve(null, Map.of(), Map.of("server.port", "70000")).toBuilder())
                .hasMessage("server.port: port must be 1-65535, got 70000");
        assertThatThrownBy(() -> EndpointProperties.resolve(dir.resolve("missing.properties"), Map.of(), Map.of()))
                .hasMessageContaining("does not exist");
    }

    @Test
    void profileAndCrlKeysReachTheEndpointConfig() throws Exception {
        io.tlslab.ca.scenario.MintedScenario revoked = new io.tlslab.ca.scenario.ScenarioMinter()
                .mint(io.tlslab.ca.scenario.Scenario.REVOKED_LEAF, "localhost");
        Path crl = Files.writeString(dir.resolve("ca.crl.pem"), io.tlslab.protocol.pem.Pem.crls(revoked.crls()));
        Path file = Files.writeString(dir.resolve("endpoint.properties"), "profile = webpki\ncrl = " + crl + "\n");
        EndpointConfig config =
                EndpointProperties.resolve(file, Map.of(), Map.of()).toBuilder().build();
        assertThat(config.profile()).isEqualTo(io.tlslab.protocol.validation.ValidationProfile.WEBPKI);
        assertThat(config.crls()).isEqualTo(revoked.crls());
        EndpointConfig defaults =
                EndpointProperties.resolve(null, Map.of(), Map.of()).toBuilder().build();
        assertThat(defaults.profile()).isEqualTo(io.tlslab.protocol.validation.ValidationProfile.ARTICLE);
        assertThat(defaults.crls()).isEmpty();
        assertThatThrownBy(() ->
                        EndpointProperties.resolve(null, Map.of("TLSLAB_PROFILE", "browser"), Map.of()).toBuilder())
                .hasMessage("profile: unknown validation profile 'browser', expected one of [article, webpki]");
        assertThatThrownBy(() ->
                        EndpointProperties.resolve(
                                null,
                                Map.of(),
                                Map.of("crl", dir.resolve("none.crl").toString()))
                                .toBuilder())
                .hasMessageStartingWith("crl: ")
                .hasMessageEndingWith("no such file");
    }
}
