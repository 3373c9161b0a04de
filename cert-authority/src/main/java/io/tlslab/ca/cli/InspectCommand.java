package io.tlslab.ca.cli;

import io.tlslab.cli.CliKit;
import io.tlslab.cli.ExitCodes;
import io.tlslab.cli.UsageException;
import io.tlslab.protocol.cert.CertificateFacts;
import io.tlslab.protocol.pem.Pem;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code inspect}: what is in a certificate, chain or key store file, and whether each link verifies. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        header = "Show subject, issuer, SANs, validity, key, signature algorithm and fingerprints of each certificate.",
        description = "FILE may be PEM (one certificate or a chain), DER, PKCS#12 or JKS. For a chain, each link "
                + "(certificate i signed by certificate i+1) is checked: does the signature verify?")
final class InspectCommand implements Callable<Integer>, Examples {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "certificate, chain or key store file")
    Path file;

    @Option(
            names = "--password",
            paramLabel = "PASSWORD",
            defaultValue = "changeit",
            description = "key store password (default: ${DEFAULT-VALUE})")
    String password;

    @Override
    public List<String> examples() {
        return List.of(
                "tlslab-ca inspect demo-data/certs/untrusted-root/chain.pem",
                "tlslab-ca inspect demo-data/certs/valid-rsa-2048/keystore.p12");
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UsageException("cannot read " + file + ": not a readable file");
        }
        List<X509Certificate> certs = read(file);
        PrintWriter o = spec.commandLine().getOut();
        Instant now = Instant.now();
        o.println(file + ": " + certs.size() + " certificate" + (certs.size() == 1 ? "" : "s"));
        for (int i = 0; i < certs.size(); i++) {
            CertificateFacts c = CertificateFacts.of(certs.get(i));
            o.println();
            o.println("[" + i + "] subject:    " + (c.subject().isEmpty() ? "(empty)" : c.subject()));
            o.println("    issuer:     " + c.issuer() + (c.selfSigned() ? "  (self-signed, signature verifies)" : ""));
            o.println("    SANs:       "
                    + (c.subjectAltNames().isEmpty() ? "(none)" : String.join(", ", c.subjectAltNames())));
            o.println("    valid:      " + c.notBefore() + " .. " + c.notAfter() + validityNote(c, now));
            o.println("    key:        " + c.key());
            o.println("    signature:  " + c.signatureAlgorithm());
            o.println("    CA:         "
                    + (c.ca() ? "yes" + (c.pathLength() >= 0 ? ", pathLen " + c.pathLength() : "") : "no"));
            o.println("    serial:     " + c.serialHex());
            o.println("    SHA-1:      " + c.sha1());
            o.println("    SHA-256:    " + c.sha256());
        }
        if (certs.size() > 1) {
            o.println();
            for (int i = 0; i + 1 < certs.size(); i++) {
                X509Certificate issued = certs.get(i);
                X509Certificate issuer = certs.get(i + 1);
                boolean names = issued.getIssuerX500Principal().equals(issuer.getSubjectX500Principal());
                boolean verifies = CertificateFacts.signatureVerifies(issued, issuer);
                o.println("link [" + i + "] <- [" + (i + 1) + "]: "
                        + (verifies
                                ? "signature verifies"
                                : names ? "signature DOES NOT verify" : "not its issuer (names differ)"));
            }
        }
        return ExitCodes.OK;
    }

    private static String validityNote(CertificateFacts c, Instant now) {
        if (now.isAfter(c.notAfter())) {
            return "  (EXPIRED)";
        }
        return now.isBefore(c.notBefore()) ? "  (NOT YET VALID)" : "";
    }

    private List<X509Certificate> read(Path f) throws Exception {
        byte[] bytes = Files.readAllBytes(f);
        String name = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".p12") || name.endsWith(".pfx") || name.endsWith(".jks")) {
            return readKeyStore(f, bytes, name.endsWith(".jks") ? "JKS" : "PKCS12");
        }
        try {
            return Pem.readCertificates(f);
        } catch (IllegalArgumentException e) {
            throw new UsageException("cannot parse " + f + ": not a PEM/DER certificate file or key store");
        }
    }

    private List<X509Certificate> readKeyStore(Path f, byte[] bytes, String type) {
        try {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(new ByteArrayInputStream(bytes), password.toCharArray());
            List<X509Certificate> result = new ArrayList<>();
            for (String alias : Collections.list(ks.aliases())) {
                Certificate[] chain = ks.isKeyEntry(alias)
                        ? ks.getCertificateChain(alias)
                        : new Certificate[] {ks.getCertificate(alias)};
                for (Certificate c : chain) {
                    result.add((X509Certificate) c);
                }
            }
            return result;
        } catch (Exception e) {
            throw new UsageException("cannot open " + f + " as " + type + ": " + CliKit.oneLine(e));
        }
    }
}
