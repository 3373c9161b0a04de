package io.tlslab.ca.cli;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.output.SetWriter;
import io.tlslab.ca.scenario.HostNames;
import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.scenario.Scenario;
import io.tlslab.ca.scenario.ScenarioMinter;
import io.tlslab.cli.ExitCodes;
import io.tlslab.protocol.cert.CertificateFacts;
import io.tlslab.protocol.validation.ClientMode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mint}: one, several or all scenarios for a host, with files, a manifest and a summary table. */
@Command(
        name = "mint",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Mint scenarios for a host: PEM, PKCS#12, JKS, trust stores and manifest.json per set.",
        description = {
            "Each scenario gets a directory DIR/<scenario> with leaf.pem, leaf.key (owner-only), "
                    + "chain.pem (as served, leaf first), trust.pem, keystore.p12/.jks (owner-only) and "
                    + "truststore.p12/.jks; all stores use the password 'changeit'. DIR/manifest.json describes the set.",
            "Ends with a table: scenario, dial host, key, signature algorithm, Valid-To, expected outcomes."
        })
final class MintCommand implements Callable<Integer>, Examples {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    static final class Selection {
        @Option(
                names = "--scenario",
                paramLabel = "NAME",
                description = "scenario to mint (repeatable); see 'tlslab-ca list'")
        List<Scenario> scenarios;

        @Option(names = "--all", description = "mint the whole catalogue")
        boolean all;
    }

    @Option(
            names = "--host",
            paramLabel = "HOST",
            defaultValue = "localhost",
            description = "DNS name the certificates are for (default: ${DEFAULT-VALUE})")
    String host;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "tlslab-data/certs",
            description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(
            names = "--force",
            description = "replace a set minted earlier into DIR (deletes only what tlslab-ca wrote)")
    boolean force;

    @Option(
            names = "--ca",
            paramLabel = "CA_DIR",
            description = "mint below the root and intermediate made by 'tlslab-ca init --out CA_DIR'")
    Path caDir;

    @Option(
            names = {"-v", "--verbose"},
            description = "list every file written, not only the summary")
    boolean verbose;

    @Option(
            names = "--no-key-reuse",
            description = "generate a fresh key for every certificate (slow; the benchmark's baseline)")
    boolean noKeyReuse;

    @Override
    public List<String> examples() {
        return List.of(
                "tlslab-ca mint --all --host localhost --out demo-data/certs --force",
                "tlslab-ca mint --scenario expired-leaf --scenario md5-leaf --host server.test",
                "tlslab-ca mint --all --ca my-ca --out my-certs");
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        String h;
        try {
            h = HostNames.requireDnsName(host);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--host: " + e.getMessage());
        }
        List<Scenario> wanted =
                selection.all ? List.of(Scenario.values()) : new ArrayList<>(new LinkedHashSet<>(selection.scenarios));
        ScenarioMinter minter = new ScenarioMinter(Clock.systemUTC(), !noKeyReuse);
        if (caDir != null) {
            HeldCertificate[] ca = CaDirectory.read(caDir);
            minter.useHierarchy(ca[0], ca[1]);
        }

        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        List<MintedScenario> minted = new ArrayList<>();
        for (Scenario s : wanted) {
            minted.add(minter.mint(s, h));
        }
        long mintedAt = System.nanoTime();
        long cpuMinted = processCpuNanos();
        SetWriter.Result result = SetWriter.write(minted, out, force, Instant.now());
        long written = System.nanoTime();
        long cpuWritten = processCpuNanos();

        long secrets = result.files().stream().filter(MintCommand::ownerOnly).count();
        if (verbose) {
            for (Path p : result.files()) {
                o.println("wrote " + p + (ownerOnly(p) ? "  (owner-only)" : ""));
            }
        } else {
            o.printf(
                    "wrote %d files to %s (%d owner-only: leaf.key, keystore.p12/.jks; --verbose lists them all)%n",
                    result.files().size(), out, secrets);
        }
        o.println("manifest: " + result.manifestFile());
        o.printf(
                "minted %d scenario%s for %s in %d ms (%d key pairs generated%s), wrote %d files in %d ms%n",
                minted.size(),
                minted.size() == 1 ? "" : "s",
                h,
                (mintedAt - start) / 1_000_000,
                minter.keysGenerated(),
                noKeyReuse ? ", key reuse off" : "",
                result.files().size(),
                (written - mintedAt) / 1_000_000);
        if (cpuStart >= 0) {
            // CPU time is what the work costs whatever else the machine runs; wall time is not.
            o.printf(
                    "process CPU time: minting %d ms, writing %d ms%n",
                    (cpuMinted - cpuStart) / 1_000_000, (cpuWritten - cpuMinted) / 1_000_000);
        }
        o.println();
        summary(minted).print(o); // last, so it is what stays on the screen
        return ExitCodes.OK;
    }

    private static boolean ownerOnly(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".key") || name.startsWith("keystore.");
    }

    /** CPU time of the whole JVM (all threads, JIT included), or -1 where the JVM does not say. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os =
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    static Table summary(List<MintedScenario> minted) {
        Table t = new Table("SCENARIO", "DIAL HOST", "KEY", "SIGNATURE", "VALID-TO", "STRICT", "NON-STRICT");
        for (MintedScenario m : minted) {
            X509Certificate leaf = m.leaf().certificate();
            t.row(
                    m.scenario().slug(),
                    m.dialHost(),
                    CertificateFacts.of(leaf).key(),
                    signatures(m),
                    leaf.getNotAfter()
                            .toInstant()
                            .atOffset(ZoneOffset.UTC)
                            .toLocalDate()
                            .toString(),
                    m.expected(ClientMode.STRICT).toString(),
                    m.expected(ClientMode.NON_STRICT).toString());
        }
        return t;
    }

    /** The leaf's signature algorithm, plus any different one further up the served chain (e.g. an MD5 intermediate). */
    private static String signatures(MintedScenario m) {
        String leafAlg = m.leaf().certificate().getSigAlgName();
        StringBuilder sb = new StringBuilder(leafAlg);
        for (X509Certificate c : m.servedChain().subList(1, m.servedChain().size())) {
            boolean selfSigned = c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
            if (!selfSigned && !c.getSigAlgName().equals(leafAlg)) {
                sb.append(" (CA: ").append(c.getSigAlgName()).append(')');
            }
        }
        return sb.toString();
    }
}
