package io.tlslab.server.cli;

import io.tlslab.cli.ExitCodes;
import io.tlslab.protocol.cert.CertificateFacts;
import io.tlslab.protocol.json.Json;
import io.tlslab.server.cert.CertificateImportException;
import io.tlslab.server.cert.CertificateService;
import io.tlslab.server.cert.ListenerPurpose;
import io.tlslab.server.command.Actor;
import io.tlslab.server.console.ConsoleViews;
import io.tlslab.server.store.Database;
import io.tlslab.server.store.Store;
import io.tlslab.server.store.StoreException;
import io.tlslab.tls.identity.ServedIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cert show|import|export|reset} against a running server's console API. */
@Command(
        name = "cert",
        mixinStandardHelpOptions = true,
        header = {
            "Show, install, back up or reset the server certificates.",
            "",
            "Examples:",
            "  tlslab-server cert show   --url https://127.0.0.1:4285 --insecure",
            "  tlslab-server cert import --url https://127.0.0.1:4285 --insecure --file server.p12 --password changeit",
            "  tlslab-server cert import --url https://127.0.0.1:4285 --insecure --file key.pem --file chain.pem",
            "  tlslab-server cert export --url https://127.0.0.1:4285 --insecure --out backup.p12 --password s3cret",
            "  tlslab-server cert reset  --url https://127.0.0.1:4285 --insecure",
            "  tlslab-server cert import --data-dir ./tlslab-data --file server.p12 --password changeit   (server stopped)",
            ""
        },
        description = "Show, install, back up or reset the server certificates (console 4285; messaging 4287/4288).",
        subcommands = {
            CertCommand.Show.class,
            CertCommand.Import.class,
            CertCommand.Export.class,
            CertCommand.Reset.class
        })
final class CertCommand implements Runnable {

    /** One certificate in the console API's shape (days to expiry included), so offline reads like online. */
    static ConsoleViews.Certificate view(CertificateFacts facts) {
        return ConsoleViews.Certificate.of(facts, Instant.now());
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                spec.commandLine(), "missing subcommand: expected show, import, export or reset");
    }

    static final class Target {
        @Option(
                names = "--target",
                defaultValue = "console",
                description = "console (4285) or messaging (4287/4288); default ${DEFAULT-VALUE}")
        String target;
    }

    /** Either a running server's console ({@code --url ...}) or a stopped server's data directory. */
    static final class Where {
        @ArgGroup(exclusive = false, heading = "Running server:%n")
        RemoteOptions remote;

        @Option(
                names = "--data-dir",
                description = "a stopped server's data directory (works before the first start too)")
        Path dataDir;
    }

    abstract static class Remote implements Callable<Integer> {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Where where;

        RemoteOptions remote;

        @Override
        public Integer call() {
            try {
                if (where.dataDir != null) {
                    try (Store store = new Store(Database.embedded(where.dataDir))) {
                        return offline(new CertificateService(store, List.of("localhost"), Clock.systemUTC()));
                    } catch (StoreException e) {
                        throw new CliFailure(
                                ExitCodes.USAGE,
                                e.getMessage().contains("locked")
                                        ? "the data directory " + where.dataDir
                                                + " is in use by a running server: use --url"
                                        : e.getMessage());
                    }
                }
                remote = where.remote;
                return run(remote.signIn());
            } catch (CliFailure f) {
                System.err.println("error: " + f.getMessage());
                return f.exitCode;
            }
        }

        abstract int run(ConsoleClient client) throws CliFailure;

        /** The same operation on the data directory directly, as the local admin. */
        abstract int offline(CertificateService certificates) throws CliFailure;

        static final Actor LOCAL = new Actor(System.getProperty("user.name", "local"), "cli-offline");

        static int printJson(Object value) {
            try {
                System.out.println(Json.prettyWriter().writeValueAsString(value));
            } catch (IOException e) {
                System.out.println(value);
            }
            return ExitCodes.OK;
        }

        static ListenerPurpose purpose(Target t) throws CliFailure {
            try {
                return ListenerPurpose.parse(t.target);
            } catch (IllegalArgumentException e) {
                throw new CliFailure(ExitCodes.USAGE, e.getMessage());
            }
        }

        int print(ConsoleClient.Reply r) {
            if (r.status() == 200) {
                try {
                    System.out.println(Json.prettyWriter().writeValueAsString(r.json()));
                } catch (IOException e) {
                    System.out.println(r.text());
                }
                return ExitCodes.OK;
            }
            System.err.println("error: " + RemoteOptions.errorOf(r));
            return r.status() == 422 || r.status() == 409 ? ExitCodes.NEGATIVE : ExitCodes.USAGE;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the certificates of every listener.")
    static final class Show extends Remote {
        @Override
        int run(ConsoleClient client) throws CliFailure {
            return print(remote.call(() -> client.get("/api/certificates")));
        }

        @Override
        int offline(CertificateService certificates) {
            Map<String, Object> all = new LinkedHashMap<>();
            for (ListenerPurpose p : ListenerPurpose.values()) {
                all.put(
                        p.id(),
                        Map.of(
                                "origin",
                                certificates.origin(p).name(),
                                "chain",
                                certificates.chainInfo(p).stream()
                                        .map(CertCommand::view)
                                        .toList()));
            }
            return printJson(all);
        }
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = "Install a PKCS#12, JKS or PEM (key + chain, one or several files) keystore.")
    static final class Import extends Remote {
        @Mixin
        Target target = new Target();

        @Option(names = "--file", required = true, description = "keystore file; repeat for PEM key and chain files")
        java.util.List<Path> files;

        @Option(names = "--password", defaultValue = "", description = "keystore password (or the PEM key's password)")
        String password;

        @Option(names = "--alias", description = "key entry to use when the keystore holds several")
        String alias;

        @Override
        int offline(CertificateService certificates) throws CliFailure {
            try {
                ServedIdentity id =
                        certificates.install(purpose(target), content(), password.toCharArray(), alias, LOCAL);
                return printJson(Map.of("target", target.target, "installed", view(CertificateFacts.of(id.leaf()))));
            } catch (CertificateImportException e) {
                System.err.println("error: " + e.getMessage());
                return ExitCodes.NEGATIVE;
            }
        }

        byte[] content() throws CliFailure {
            byte[] content;
            try {
                java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
                for (Path f : files) {
                    all.write(Files.readAllBytes(f));
                    all.write('\n');
                }
                content = files.size() == 1 ? Files.readAllBytes(files.get(0)) : all.toByteArray();
            } catch (IOException e) {
                throw new CliFailure(ExitCodes.USAGE, "cannot read " + files + ": " + e.getMessage());
            }
            return content;
        }

        @Override
        int run(ConsoleClient client) throws CliFailure {
            byte[] content = content();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("target", target.target);
            body.put("content", Base64.getEncoder().encodeToString(content));
            body.put("password", password);
            if (alias != null) {
                body.put("alias", alias);
            }
            return print(remote.call(() -> client.post("/api/certificates/import", body)));
        }
    }

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = "Back up the installed keystore as PKCS#12 (refused for the default self-signed one).")
    static final class Export extends Remote {
        @Mixin
        Target target = new Target();

        @Option(names = "--out", required = true, description = "where to write the PKCS#12 file")
        Path out;

        @Option(names = "--password", required = true, description = "password protecting the backup")
        String password;

        @Override
        int run(ConsoleClient client) throws CliFailure {
            ConsoleClient.Reply r = remote.call(() ->
                    client.post("/api/certificates/export", Map.of("target", target.target, "password", password)));
            if (r.status() != 200) {
                return print(r);
            }
            try {
                Files.write(out, r.body());
            } catch (IOException e) {
                throw new CliFailure(ExitCodes.USAGE, "cannot write " + out + ": " + e.getMessage());
            }
            System.out.println("wrote " + out + " (" + r.body().length + " bytes, PKCS#12)");
            return ExitCodes.OK;
        }

        @Override
        int offline(CertificateService certificates) throws CliFailure {
            byte[] p12;
            try {
                p12 = certificates.export(purpose(target), password.toCharArray(), LOCAL);
            } catch (IllegalStateException e) {
                System.err.println("error: " + e.getMessage());
                return ExitCodes.NEGATIVE;
            } catch (IllegalArgumentException e) {
                throw new CliFailure(ExitCodes.USAGE, e.getMessage());
            }
            try {
                Files.write(out, p12);
            } catch (IOException e) {
                throw new CliFailure(ExitCodes.USAGE, "cannot write " + out + ": " + e.getMessage());
            }
            System.out.println("wrote " + out + " (" + p12.length + " bytes, PKCS#12)");
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "reset",
            mixinStandardHelpOptions = true,
            description = "Replace the certificate with a new self-signed one.")
    static final class Reset extends Remote {
        @Mixin
        Target target = new Target();

        @Override
        int run(ConsoleClient client) throws CliFailure {
            return print(remote.call(() -> client.post("/api/certificates/reset", Map.of("target", target.target))));
        }

        @Override
        int offline(CertificateService certificates) throws CliFailure {
            ServedIdentity id = certificates.reset(purpose(target), LOCAL);
            return printJson(Map.of("target", target.target, "installed", view(CertificateFacts.of(id.leaf()))));
        }
    }
}
