package io.tlslab.ca.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code openssl} command line, when installed, as an independent second opinion. */
public final class Openssl {
    private static final Boolean AVAILABLE = probe();

    private Openssl() {}

    public static boolean available() {
        return AVAILABLE;
    }

    /** Runs {@code openssl args...}; returns exit code and combined output. Bounded to 30 s. */
    public static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("openssl " + String.join(" ", args) + " did not finish in 30 s");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    public record Result(int exitCode, String output) {}

    private static boolean probe() {
        try {
            Process p = new ProcessBuilder("openssl", "version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Writes the certificates after the first of a PEM chain file into {@code out} (openssl's -untrusted). */
    public static boolean writeIssuers(Path chainPem, Path out) throws IOException {
        String pem = Files.readString(chainPem, StandardCharsets.US_ASCII);
        int second = pem.indexOf("-----BEGIN CERTIFICATE-----", 1);
        if (second < 0) {
            return false;
        }
        Files.writeString(out, pem.substring(second), StandardCharsets.US_ASCII);
        return true;
    }
}
