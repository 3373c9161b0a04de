package io.tlslab.client.cli;

import io.tlslab.protocol.pem.Pem;
import io.tlslab.protocol.settings.Fingerprint;
import io.tlslab.protocol.settings.FingerprintList;
import io.tlslab.protocol.validation.ValidationProfile;
import io.tlslab.tls.validation.CertificateValidator;
import io.tlslab.tls.validation.CrlFiles;
import io.tlslab.tls.validation.TrustAnchors;
import io.tlslab.tls.validation.ValidationPolicy;
import io.tlslab.tls.validation.Verdict;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tlslab-client validate}: runs the strict validator on a PEM chain, like {@code openssl verify}
 * but with tlslab's checks, reason codes and precedence. Exit 0 accepted, 1 rejected, 2 usage error.
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 110,
        header = {
            "Validates a certificate chain strictly (SPEC section 5), without any network access.",
            "",
            "Examples:",
            "  tlslab-client validate --chain server.pem --trust roots.pem --host authority.example",
            "  tlslab-client validate --chain server.pem --trust roots.pem --host 127.0.0.1 --format json",
            "  tlslab-client validate --chain old.pem --trust roots.pem --at 2024-01-01T00:00:00Z --sha1 allow",
            "  tlslab-client validate --chain pinned.pem --trust roots.pem --allow 3A:7F:...:C2",
            "  tlslab-client validate --connect 127.0.0.1:9401 --host localhost --trust trust.pem   # a live server's chain",
            "  tlslab-client validate --chain server.pem --trust roots.pem --host www.example --profile webpki",
            "  tlslab-client validate --chain server.pem --trust roots.pem --host www.example --crl crls/",
            ""
        },
        description = {
            "Like 'openssl verify', with tlslab's checks, reason codes and precedence.",
            "Exit codes: 0 accepted, 1 rejected, 2 usage error (bad option, unreadable or malformed PEM) or --connect failure.",
            ""
        })
public final class ValidateCommand implements Callable<Integer> {

    enum Sha1Policy {
        allow,
        reject
    }

    enum Format {
        text,
        json
    }

    /** Far above any real PKI; a bound on what the option accepts, not a validator rule. */
    static final int MAX_INTERMEDIATES_LIMIT = 64;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--chain",
            paramLabel = "FILE",
            description = "PEM file with the served chain, leaf first (other certificates in any order).")
    Path chain;

    @Option(
            names = "--connect",
            paramLabel = "HOST:PORT",
            description =
                    "Instead of --chain: the chain a live TLS server presents (one handshake, SNI = --host, nothing sent).")
    String connect;

    @Option(
            names = "--connect-timeout",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "Connect and handshake limit for --connect, in seconds (default: ${DEFAULT-VALUE}).")
    int connectTimeoutSeconds;

    @Option(
            names = "--trust",
            paramLabel = "FILE",
            description = "PEM file with the trusted roots (default: the JDK's default trust store).")
    Path trust;

    @Option(
            names = "--host",
            paramLabel = "NAME",
            description = "Host the endpoint dialled: DNS name or IP literal (default: hostname not checked).")
    String host;

    @Option(
            names = "--at",
            paramLabel = "TIME",
            converter = InstantConverter.class,
            description = "Validate at this time, ISO-8601 (2026-01-31T12:00:00Z, or a date 2026-01-31 = midnight UTC;"
                    + " default: now).")
    Instant at;

    @Option(
            names = "--allow",
            paramLabel = "FP",
            split = ",",
            converter = FingerprintConverter.class,
            description = "Allowlisted SHA-1 or SHA-256 fingerprint (hex, colons optional). Repeatable or comma list.")
    List<Fingerprint> allow = new ArrayList<>();

    @Option(
            names = "--sha1",
            paramLabel = "allow|reject",
            defaultValue = "reject",
            description =
                    "SHA-1 signatures below the trust anchor: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Sha1Policy sha1;

    @Option(
            names = "--profile",
            paramLabel = "article|webpki",
            defaultValue = "article",
            converter = ProfileConverter.class,
            description = "Rule set: article (the vendor's checks; the CN counts without a DNS SAN) or webpki (adds the"
                    + " CA/Browser Forum rules: SANs only, leaf EKU serverAuth, no public-suffix wildcard...)."
                    + " Default: ${DEFAULT-VALUE}.")
    ValidationProfile profile;

    @Option(
            names = "--crl",
            paramLabel = "FILE|DIR",
            description = "CRLs to check revocation against (PEM or DER file, or a directory of .pem/.crl/.der files)."
                    + " Repeatable. Default: no revocation check.")
    List<Path> crl = new ArrayList<>();

    @Option(
            names = "--max-intermediates",
            paramLabel = "N",
            description = "Longest accepted chain, in intermediates between leaf and root (default: "
                    + ValidationPolicy.DEFAULT_MAX_INTERMEDIATES + "; 0-" + MAX_INTERMEDIATES_LIMIT + ").")
    Integer maxIntermediates;

    @Option(
            names = "--format",
            paramLabel = "text|json",
            defaultValue = "text",
            description =
                    "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). JSON shape: see README.")
    Format format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<X509Certificate> served;
        TrustAnchors anchors;
        if ((chain == null) == (connect == null)) {
            err.println("tlslab-client validate: give exactly one of --chain FILE or --connect HOST:PORT");
            err.flush();
            return ClientCli.ExitCodes.USAGE;
        }
        List<X509CRL> crls = new ArrayList<>();
        if (maxIntermediates != null && (maxIntermediates < 0 || maxIntermediates > MAX_INTERMEDIATES_LIMIT)) {
            err.println("tlslab-client validate: --max-intermediates must be 0-" + MAX_INTERMEDIATES_LIMIT + ", got "
                    + maxIntermediates);
            err.flush();
            return ClientCli.ExitCodes.USAGE;
        }
        try {
            served = chain != null ? Pem.readCertificates(chain) : fetch();
            anchors = trust == null ? TrustAnchors.jdkDefaults() : TrustAnchors.fromPem(trust);
            for (Path c : crl) {
                crls.addAll(CrlFiles.read(c));
            }
        } catch (IllegalArgumentException e) { // PemFormatException included
            err.println("tlslab-client validate: " + e.getMessage());
            err.flush();
            return ClientCli.ExitCodes.USAGE;
        } catch (java.io.IOException e) {
            // no certificate to judge: like curl's "could not connect", not a verdict
            err.println("tlslab-client validate: cannot fetch the chain from " + connect + ": " + e.getMessage());
            err.flush();
            return ClientCli.ExitCodes.USAGE;
        }
        Instant when = at == null ? Instant.now() : at;
        ValidationPolicy policy = ValidationPolicy.strict()
                .withRejectSha1(sha1 == Sha1Policy.reject)
                .withAllowlist(FingerprintList.of(allow.toArray(new Fingerprint[0])))
                .withProfile(profile)
                .withCrls(crls);
        if (maxIntermediates != null) {
            policy = policy.withMaxIntermediates(maxIntermediates);
        }
        Verdict verdict = new CertificateValidator(anchors).validate(served, host, when, policy);
        VerdictReport report = VerdictReport.of(verdict, served, host, when, policy);
        out.print(format == Format.json ? report.toJson() : report.toText());
        out.flush();
        return verdict.accepted() ? ClientCli.ExitCodes.ACCEPTED : ClientCli.ExitCodes.REJECTED;
    }

    private List<X509Certificate> fetch() throws java.io.IOException {
        int colon = connect.lastIndexOf(':');
        if (colon <= 0 || colon == connect.length() - 1) {
            throw new IllegalArgumentException("--connect takes HOST:PORT, got '" + connect + "'");
        }
        int port;
        try {
            port = Integer.parseInt(connect.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535 || connectTimeoutSeconds < 1 || connectTimeoutSeconds > 300) {
            throw new IllegalArgumentException("--connect needs a port 1-65535 and --connect-timeout 1-300 s, got '"
                    + connect + "', " + connectTimeoutSeconds);
        }
        String server = connect.substring(0, colon).replace("[", "").replace("]", "");
        return ServedChainFetcher.fetch(
                new java.net.InetSocketAddress(server, port),
                host,
                java.time.Duration.ofSeconds(connectTimeoutSeconds));
    }

    static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException notDateTime) {
                try {
                    return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new CommandLine.TypeConversionException(
                            "'" + value + "' is not an ISO-8601 time (e.g. 2026-01-31T12:00:00Z or 2026-01-31)");
                }
            }
        }
    }

    static final class ProfileConverter implements CommandLine.ITypeConverter<ValidationProfile> {
        @Override
        public ValidationProfile convert(String value) {
            try {
                return ValidationProfile.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class FingerprintConverter implements CommandLine.ITypeConverter<Fingerprint> {
        @Override
        public Fingerprint convert(String value) {
            try {
                return Fingerprint.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
