package io.tlslab.e2e.consoleclient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.tlslab.e2e.support.CliResult;
import io.tlslab.e2e.support.FreePorts;
import io.tlslab.e2e.support.JavaProcess;
import io.tlslab.e2e.support.TlslabJar;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code tlslab-server cli} against a console it does not control: WireMock plays the console API
 * over HTTPS and misbehaves (5xx, resets, empty or garbled answers, refused sign-in). Whatever goes
 * wrong, the CLI must end with one clear line and the documented exit code (2: usage or connection
 * problem, 1: the server refused the command), never a stack trace, and it must never send a
 * command twice on its own: a console command may change state, so a blind retry could apply it
 * twice.
 */
class ConsoleCliFaultsIT {

    private static final String PASSWORD = "wiremock-admin";

    @RegisterExtension
    static WireMockExtension console = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicHttpsPort().httpDisabled(true).bindAddress("127.0.0.1"))
            .build();

    private static void signInAnswers() {
        console.stubFor(post(urlEqualTo("/api/login"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("Set-Cookie", "TLSLAB_SESSION=s3ss10n; Secure; HttpOnly; SameSite=Strict")
                        .withBody("{\"csrfToken\":\"csrf-123\",\"user\":\"admin\"}")));
    }

    private static CliResult cli(String command, String... options) {
        java.util.List<String> args = new java.util.ArrayList<>(
                java.util.List.of("cli", "--url", "https://127.0.0.1:" + console.getHttpsPort(), "--insecure"));
        args.addAll(java.util.List.of(options));
        args.add(command);
        return JavaProcess.of(TlslabJar.SERVER)
                .name("cli-vs-wiremock")
                .env("TLSLAB_ADMIN_PASSWORD", PASSWORD)
                .args(args.toArray(String[]::new))
                .run(Duration.ofSeconds(60));
    }

    private static void assertOneLineError(CliResult result, String expectedFragment) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr().strip())
                .as(result.toString())
                .startsWith("error:")
                .contains(expectedFragment)
                .doesNotContain("\n")
                .doesNotContain("Exception");
    }

    @Test
    void accepted_command_prints_the_output_and_sends_the_session_and_csrf_token() {
        signInAnswers();
        console.stubFor(post(urlEqualTo("/api/command"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"output\":\"c42.sabre.server.certificate.useHttpsCertificate = true (saved)\"}")));

        CliResult result = cli("prop.show c42.sabre.server.certificate.useHttpsCertificate");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("useHttpsCertificate = true (saved)");
        console.verify(postRequestedFor(urlEqualTo("/api/login"))
                .withRequestBody(equalToJson("{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}")));
        console.verify(
                1,
                postRequestedFor(urlEqualTo("/api/command"))
                        .withHeader("Cookie", equalTo("TLSLAB_SESSION=s3ss10n"))
                        .withHeader("X-CSRF-Token", equalTo("csrf-123"))
                        .withRequestBody(equalToJson(
                                "{\"command\":\"prop.show c42.sabre.server.certificate.useHttpsCertificate\"}")));
    }

    @Test
    void refused_command_exits_1_with_the_servers_explanation() {
        signInAnswers();
        console.stubFor(
                post(urlEqualTo("/api/command"))
                        .willReturn(
                                aResponse()
                                        .withStatus(422)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"output\":\"error: unknown command 'prop.sett': expected prop.set, prop.show, ...\"}")));

        CliResult result = cli("prop.sett x y");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).contains("unknown command 'prop.sett'");
    }

    @Test
    void server_error_is_one_line_and_the_command_is_not_repeated() {
        signInAnswers();
        console.stubFor(post(urlEqualTo("/api/command"))
                .willReturn(aResponse()
                        .withStatus(503)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"store unavailable\"}")));

        CliResult result = cli("prop.set c42.sabre.server.certificate.useHttpsCertificate true save all");

        assertOneLineError(result, "503");
        assertThat(result.stderr()).contains("store unavailable");
        console.verify(1, postRequestedFor(urlEqualTo("/api/command")));
    }

    @Test
    void connection_reset_during_sign_in_is_a_connection_error() {
        console.stubFor(
                post(urlEqualTo("/api/login")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        CliResult result = cli("prop.show");

        assertOneLineError(result, "127.0.0.1:" + console.getHttpsPort());
        // signing in is safe to repeat: the first try and the two default retries
        console.verify(3, postRequestedFor(urlEqualTo("/api/login")));
        console.verify(0, postRequestedFor(urlEqualTo("/api/command")));
    }

    @Test
    void sign_in_is_retried_while_the_console_is_restarting_then_the_command_runs_once() {
        console.stubFor(post(urlEqualTo("/api/login"))
                .inScenario("restart")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withBody("starting"))
                .willSetStateTo("up"));
        console.stubFor(post(urlEqualTo("/api/login"))
                .inScenario("restart")
                .whenScenarioStateIs("up")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("Set-Cookie", "TLSLAB_SESSION=s3ss10n; Secure; HttpOnly; SameSite=Strict")
                        .withBody("{\"csrfToken\":\"csrf-123\",\"user\":\"admin\"}")));
        console.stubFor(post(urlEqualTo("/api/command"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"output\":\"ok\"}")));

        CliResult result = cli("prop.show");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        console.verify(2, postRequestedFor(urlEqualTo("/api/login")));
        console.verify(1, postRequestedFor(urlEqualTo("/api/command")));
    }

    @Test
    void a_console_slower_than_the_timeout_is_one_line_and_the_command_is_sent_once() {
        signInAnswers();
        console.stubFor(post(urlEqualTo("/api/command"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"output\":\"too late\"}")
                        .withFixedDelay(5_000)));

        CliResult result = cli("prop.show", "--timeout", "1s");

        assertOneLineError(result, "no answer from https://127.0.0.1:" + console.getHttpsPort() + " within 1000 ms");
        assertThat(result.stdout()).doesNotContain("too late");
        console.verify(1, postRequestedFor(urlEqualTo("/api/command")));
    }

    @Test
    void a_bad_timeout_is_a_usage_error() {
        CliResult result = cli("prop.show", "--timeout", "soon");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("'soon' is not a duration").doesNotContain("\tat ");
        console.verify(0, postRequestedFor(urlEqualTo("/api/login")));
    }

    @Test
    void empty_answer_to_a_command_is_a_connection_error_and_not_retried() {
        signInAnswers();
        console.stubFor(post(urlEqualTo("/api/command")).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        CliResult result = cli("setting.set system c42.sabre.client.certificate.strictValidation true");

        assertOneLineError(result, "127.0.0.1:" + console.getHttpsPort());
        console.verify(1, postRequestedFor(urlEqualTo("/api/command")));
    }

    @Test
    void garbage_instead_of_tls_is_a_connection_error() {
        console.stubFor(post(urlEqualTo("/api/login")).willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));

        CliResult result = cli("prop.show");

        assertOneLineError(result, "127.0.0.1:" + console.getHttpsPort());
    }

    @Test
    void nothing_listening_says_whether_the_server_runs() {
        int closedPort = FreePorts.next();

        CliResult result = JavaProcess.of(TlslabJar.SERVER)
                .name("cli-no-server")
                .env("TLSLAB_ADMIN_PASSWORD", PASSWORD)
                .args("cli", "--url", "https://127.0.0.1:" + closedPort, "--insecure", "prop.show")
                .run(Duration.ofSeconds(60));

        assertOneLineError(result, "cannot connect to https://127.0.0.1:" + closedPort);
    }

    @Test
    void refused_sign_in_says_so() {
        console.stubFor(post(urlEqualTo("/api/login"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"wrong user or password\"}")));

        CliResult result = cli("prop.show");

        assertOneLineError(result, "sign-in refused (401)");
        console.verify(1, postRequestedFor(urlEqualTo("/api/login")));
        console.verify(0, postRequestedFor(urlEqualTo("/api/command")));
    }

    @Test
    void garbled_answer_is_reported_without_a_stack_trace() {
        signInAnswers();
        console.stubFor(post(urlEqualTo("/api/command"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("<html>proxy error</html>")));

        CliResult result = cli("prop.show");

        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.stderr()).as(result.toString()).contains("not JSON").doesNotContain("\tat ");
    }
}
