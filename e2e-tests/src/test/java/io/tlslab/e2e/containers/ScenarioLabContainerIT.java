package io.tlslab.e2e.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.ca.scenario.Scenario;
import io.tlslab.client.cli.ClientCli;
import io.tlslab.e2e.support.TlslabJar;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Tier 2: the scenario lab in a container, through its Testcontainers module, as another project's CI
 * would use it: the JDK's HTTPS client configured with {@code trustAnchors()} gets the page of the valid
 * scenario and is refused the expired one, and tlslab's validator reads the expected reasons off the
 * mapped ports.
 */
@Testcontainers(disabledWithoutDocker = true)
class ScenarioLabContainerIT {

    @Test
    void the_lab_container_serves_scenarios_a_real_client_accepts_and_refuses_as_expected() throws Exception {
        try (TlsScenarioLabContainer lab = new TlsScenarioLabContainer(TlslabImages.of(TlslabJar.FLEET))
                .withScenarios(Scenario.VALID_RSA_2048, Scenario.EXPIRED_LEAF, Scenario.WRONG_HOST)) {
            lab.start();
            assertThat(lab.getLogs()).contains("tlslab-lab ready: 3 scenarios");
            assertThat(lab.expected(Scenario.EXPIRED_LEAF)).isEqualTo("REJECT:EXPIRED");

            HttpClient jdk = jdkClientTrusting(lab);
            HttpResponse<String> valid = jdk.send(
                    HttpRequest.newBuilder(lab.urlFor(Scenario.VALID_RSA_2048))
                            .timeout(Duration.ofSeconds(20))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(valid.statusCode()).isEqualTo(200);
            assertThat(valid.body()).startsWith("tlslab scenario valid-rsa-2048:");
            Assertions.assertThrows(
                    SSLHandshakeException.class,
                    () -> jdk.send(
                            HttpRequest.newBuilder(lab.urlFor(Scenario.EXPIRED_LEAF))
                                    .timeout(Duration.ofSeconds(20))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()));

            for (Scenario s : new Scenario[] {Scenario.VALID_RSA_2048, Scenario.EXPIRED_LEAF, Scenario.WRONG_HOST}) {
                StringWriter out = new StringWriter();
                int code = ClientCli.run(
                        new PrintWriter(out),
                        new PrintWriter(new StringWriter()),
                        "validate",
                        "--connect",
                        "127.0.0.1:" + lab.addressFor(s).getPort(),
                        "--host",
                        lab.dialHost(s),
                        "--trust",
                        lab.trustAnchors(s).toString());
                assertThat(out.toString()).as(s.name()).startsWith(lab.expected(s));
                assertThat(code).isEqualTo(lab.expected(s).equals("ACCEPT") ? 0 : 1);
            }
        }
    }

    private static HttpClient jdkClientTrusting(TlsScenarioLabContainer lab) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        try (var in = java.nio.file.Files.newInputStream(lab.trustAnchors())) {
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder()
                .sslContext(tls)
                .connectTimeout(Duration.ofSeconds(20))
                .build();
    }
}
