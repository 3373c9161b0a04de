package io.tlslab.fleet.lab.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tlslab.ca.scenario.Scenario;
import io.tlslab.fleet.lab.LabConfig;
import io.tlslab.fleet.lab.ScenarioLab;
import java.io.File;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's probe-client recipes, run against real clients where they are installed (skipped
 * otherwise), on a subset of the catalogue every mainstream client must get right: the recipe is wired
 * correctly when the valid scenarios (DNS and IP SAN) are accepted, and the client refuses the self-signed,
 * expired, wrong-host and untrusted ones. The full-catalogue figures are in the README (measured).
 */
class ClientRecipesTest {
    private static final List<Scenario> CORE = List.of(
            Scenario.VALID_RSA_2048,
            Scenario.IP_SAN,
            Scenario.SELF_SIGNED,
            Scenario.EXPIRED_LEAF,
            Scenario.WRONG_HOST,
            Scenario.UNTRUSTED_ROOT);
    private static final Path RECIPES = Path.of("recipes").toAbsolutePath();

    @TempDir
    static Path dir;

    static ScenarioLab lab;

    @BeforeAll
    static void start() throws Exception {
        lab = ScenarioLab.start(new LabConfig(
                "localhost",
                CORE,
                InetAddress.getLoopbackAddress(),
                0,
                io.tlslab.tls.TlsEngine.OPENSSL,
                dir.resolve("lab")));
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void curl() throws Exception {
        assumeInstalled("curl");
        scoresTheCore(
                "curl",
                "curl",
                "-sS",
                "--max-time",
                "10",
                "--cacert",
                "{ca}",
                "--resolve",
                "{host}:{port}:{ip}",
                "{url}");
    }

    @Test
    void opensslSClient() throws Exception {
        assumeInstalled("openssl");
        scoresTheCore(
                "openssl s_client",
                "sh",
                "-c",
                "case {host} in *[!0-9.]*) check='-verify_hostname {host}';;"
                        + " *) check='-verify_ip {host}';; esac; exec openssl s_client -connect {ip}:{port} -servername {host}"
                        + " -CAfile {ca} -verify_return_error $check </dev/null");
    }

    @Test
    void pythonSsl() throws Exception {
        assumeInstalled("python3");
        scoresTheCore(
                "python ssl",
                Pattern.compile("certificate refused"),
                "python3",
                RECIPES.resolve("python_ssl_probe.py").toString(),
                "{ip}",
                "{port}",
                "{host}",
                "{ca}");
    }

    @Test
    void jdkHttpClient() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("jdk-probe"));
        int compiled = ToolProvider.getSystemJavaCompiler()
                .run(
                        null,
                        null,
                        null,
                        "-d",
                        classes.toString(),
                        RECIPES.resolve("JdkHttpsProbe.java").toString());
        assertThat(compiled).isZero();
        scoresTheCore(
                "JDK HttpClient",
                Pattern.compile("SSLHandshakeException"),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-Djdk.net.hosts.file={hosts}",
                "-cp",
                classes.toString(),
                "JdkHttpsProbe",
                "{url}",
                "{ca}");
    }

    private static void scoresTheCore(String label, String... command) throws InterruptedException {
        scoresTheCore(label, null, command);
    }

    /** @param rejectRegex what the client prints when it refuses a certificate (its own timeout is not a refusal) */
    private static void scoresTheCore(String label, Pattern rejectRegex, String... command)
            throws InterruptedException {
        ProbeReport r = ProbeRunner.run(
                lab.manifest(),
                lab.directory(),
                List.of(command),
                ProbeRunner.Options.defaults()
                        .withTimeout(Duration.ofSeconds(90))
                        .withRejectRegex(rejectRegex)
                        .withClientLabel(label),
                c -> {});
        String table = ProbeRunner.table(r, false) + outputs(r);
        assertThat(r.counts().agrees()).as(table).isEqualTo(CORE.size());
        assertThat(r.passed()).isTrue();
    }

    private static String outputs(ProbeReport r) {
        List<String> lines = new ArrayList<>();
        r.cells().forEach(c -> lines.add(c.slug() + ": " + c.output().strip().replace('\n', ' ')));
        return String.join("\n", lines);
    }

    private static void assumeInstalled(String program) {
        boolean found = false;
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            found |= Files.isExecutable(Path.of(d, program));
        }
        assumeTrue(found, program + " is not installed: recipe skipped");
    }
}
