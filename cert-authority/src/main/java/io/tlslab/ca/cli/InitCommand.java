package io.tlslab.ca.cli;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.KeySpec;
import io.tlslab.cli.ExitCodes;
import io.tlslab.cli.UsageException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code init}: a root and an intermediate (RSA-2048) in a directory, for {@code mint --ca}. */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        header = "Create a root and an intermediate CA (RSA-2048, with keys and trust stores) in a directory.",
        description = {
            "Writes root.pem, root.key, intermediate.pem, intermediate.key, truststore.p12 and "
                    + "truststore.jks (password 'changeit'). Keys are written owner-only (0600).",
            "RSA because the MD5 and SHA-1 scenarios need an RSA signer. Refuses to overwrite without --force."
        })
final class InitCommand implements Callable<Integer>, Examples {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "tlslab-data/ca",
            description = "directory to create the CA in (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--force", description = "overwrite an existing CA in DIR")
    boolean force;

    @Option(
            names = "--name",
            paramLabel = "TEXT",
            defaultValue = "tlslab",
            description = "name prefix of the CA certificates' common names (default: ${DEFAULT-VALUE})")
    String name;

    @Override
    public List<String> examples() {
        return List.of(
                "tlslab-ca init",
                "tlslab-ca init --out my-ca --name \"ACME test\"",
                "tlslab-ca mint --all --ca my-ca --out my-certs");
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException(out + " exists and is not a directory");
        }
        if (!force) {
            for (String f : CaDirectory.ALL) {
                if (Files.exists(out.resolve(f))) {
                    throw new UsageException(out + " already holds a CA (" + f + "); add --force to replace it");
                }
            }
        }
        if (name.isBlank()) {
            throw new UsageException("--name must not be blank");
        }
        HeldCertificate root = HeldCertificate.builder()
                .keySpec(KeySpec.RSA_2048)
                .organization("tlslab")
                .commonName(name + " Root CA")
                .certificateAuthority()
                .duration(Duration.ofDays(3650))
                .build();
        HeldCertificate intermediate = HeldCertificate.builder()
                .keySpec(KeySpec.RSA_2048)
                .organization("tlslab")
                .commonName(name + " Intermediate CA")
                .certificateAuthority(0)
                .duration(Duration.ofDays(1825))
                .signedBy(root)
                .build();
        for (Path p : CaDirectory.write(out, root, intermediate)) {
            o.println("wrote " + p + (p.getFileName().toString().endsWith(".key") ? "  (owner-only)" : ""));
        }
        o.println("root SHA-256 " + root.sha256());
        return ExitCodes.OK;
    }
}
