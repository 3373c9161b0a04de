package io.tlslab.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.server.AuthorityServer;
import io.tlslab.server.support.Servers;
import java.io.ByteArrayOutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tlslab-server cli} and {@code cert} as a script sees them: output and exit codes. */
class ServerCliTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    /** In process, the password from a file: quick. */
    private Run run(String password, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        if (password != null && args.length > 0 && (args[0].equals("cli") || args[0].equals("cert"))) {
            Path file = Files.writeString(dir.resolve("password-" + System.nanoTime()), password + "\n");
            all.add(args[0].equals("cert") ? 2 : 1, "--password-file");
            all.add(args[0].equals("cert") ? 3 : 2, file.toString());
        }
        java.io.PrintStream oldOut = System.out;
        java.io.PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = ServerCli.run(all.toArray(new String[0]));
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** In a child JVM, the password from TLSLAB_ADMIN_PASSWORD: the way scripts call it. */
    private static Run cli(String password, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.tlslab.server.cli.ServerCli"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("TLSLAB_ADMIN_PASSWORD");
        if (password != null) {
            pb.environment().put("TLSLAB_ADMIN_PASSWORD", password);
        }
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t = new Thread(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (java.io.IOException ignored) {
                // process ended
            }
        });
        t.start();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        t.join(10_000);
        return new Run(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void commandsExitZeroWhenAcceptedOneWhenRefusedTwoOnUsageOrConnectionErrors() throws Exception {
        try (AuthorityServer server = Servers.start(dir)) {
            String url = "https://127.0.0.1:" + server.consolePort();
            String pin = server.consoleFingerprintSha256().toString();

            Run ok = cli(
                    Servers.ADMIN_PASSWORD,
                    "cli",
                    "--url",
                    url,
                    "--pin",
                    pin,
                    "prop.set c42.sabre.server.certificate.useHttpsCertificate true save all");
            assertThat(ok.exit()).isZero();
            assertThat(ok.out())
                    .startsWith("c42.sabre.server.certificate.useHttpsCertificate = true (saved, replicated)");

            Run refused = run(Servers.ADMIN_PASSWORD, "cli", "--url", url, "--pin", pin, "prop.set", "nonsense", "1");
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err().strip())
                    .startsWith("error: unknown key 'nonsense'")
                    .doesNotContain("\n");

            Run wrongPin = run(Servers.ADMIN_PASSWORD, "cli", "--url", url, "prop.show");
            assertThat(wrongPin.exit()).isEqualTo(2);
            assertThat(wrongPin.err()).contains("cannot trust the console certificate", "--pin");

            Run noPassword = cli(null, "cli", "--url", url, "--insecure", "prop.show"); // child JVM: no console, no env
            assertThat(noPassword.exit()).isEqualTo(2);
            assertThat(noPassword.err()).contains("TLSLAB_ADMIN_PASSWORD");

            Run badPassword = run("wrong", "cli", "--url", url, "--insecure", "prop.show");
            assertThat(badPassword.exit()).isEqualTo(2);
            assertThat(badPassword.err()).contains("sign-in refused (401)");

            Run export = run(
                    Servers.ADMIN_PASSWORD,
                    "cert",
                    "export",
                    "--url",
                    url,
                    "--insecure",
                    "--out",
                    dir.resolve("x.p12").toString(),
                    "--password",
                    "abcd1234");
            assertThat(export.exit()).isEqualTo(1);
            assertThat(export.err()).contains("default self-signed certificate");
            assertThat(Files.exists(dir.resolve("x.p12"))).isFalse();

            Run show = run(Servers.ADMIN_PASSWORD, "cert", "show", "--url", url, "--insecure");
            assertThat(show.exit()).isZero();
            assertThat(show.out())
                    .contains("\"sha256\"", server.consoleFingerprintSha256().toString());
        }
        Run down = run(Servers.ADMIN_PASSWORD, "cli", "--url", "https://127.0.0.1:1", "--insecure", "prop.show");
        assertThat(down.exit()).isEqualTo(2);
        assertThat(down.err()).contains("cannot connect");
    }

    @Test
    void usageErrorsExitTwoWithAHint() throws Exception {
        Run unknown = run(null, "frobnicate");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err())
                .startsWith("tlslab-server: Unmatched argument")
                .contains("(see 'tlslab-server --help')");
        Run missingUrl = run(null, "cli", "prop.show");
        assertThat(missingUrl.exit()).isEqualTo(2);
        assertThat(missingUrl.err()).contains("--url");
        Run help = run(null, "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Examples:");
    }

    @Test
    void theRedirectPortOnlyRedirectsAndNeverSendsHsts() throws Exception {
        try (AuthorityServer server = Servers.builder(dir).redirectPort(0).start()) {
            HttpURLConnection c = (HttpURLConnection)
                    new URL("http://127.0.0.1:" + server.redirectPort() + "/console?x=1").openConnection();
            c.setInstanceFollowRedirects(false);
            assertThat(c.getResponseCode()).isEqualTo(301);
            // the configured host name (first --hostname), not the address the request was sent to
            assertThat(c.getHeaderField("Location"))
                    .isEqualTo("https://localhost:" + server.consolePort() + "/console?x=1");
            assertThat(c.getHeaderField("Strict-Transport-Security")).isNull();
        }
    }

    @Test
    void certificatesCanBeInstalledInAStoppedServersDataDirectory() throws Exception {
        io.tlslab.ca.testing.TestPki pki = io.tlslab.ca.testing.TestPki.current();
        Path data = dir.resolve("data");
        Path p12 = Files.write(dir.resolve("server.p12"), pki.pkcs12());
        Run wrong = run(
                null, "cert", "import", "--data-dir", data.toString(), "--file", p12.toString(), "--password", "nope");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err().strip()).isEqualTo("error: wrong password for the PKCS#12 keystore");
        Run ok = run(
                null,
                "cert",
                "import",
                "--data-dir",
                data.toString(),
                "--file",
                p12.toString(),
                "--password",
                io.tlslab.ca.testing.TestPki.PASSWORD);
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).contains(pki.leaf.sha256().toString());
        Run both = run(null, "cert", "show", "--data-dir", data.toString(), "--url", "https://127.0.0.1:1");
        assertThat(both.exit()).isEqualTo(2);
        try (AuthorityServer server = Servers.start(data)) {
            assertThat(server.consoleFingerprintSha256()).isEqualTo(pki.leaf.sha256());
            // another process: H2 shares an open database within one JVM, so the lock shows only across processes
            Run busy = cli(null, "cert", "show", "--data-dir", data.toString());
            assertThat(busy.exit()).isEqualTo(2);
            assertThat(busy.err()).contains("in use by a running server: use --url");
        }
    }
}
