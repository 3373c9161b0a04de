package io.tlslab.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.protocol.settings.PropertyKey;
import io.tlslab.server.properties.ServerProperties;
import io.tlslab.server.properties.SystemSettings;
import io.tlslab.server.store.Database;
import io.tlslab.server.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandProcessorTest {
    private static final String SHA1 = "3A:7F:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:01:02";

    @TempDir
    Path dir;

    private Store store;
    private final List<String> replicated = new ArrayList<>();
    private CommandProcessor cli;
    private ServerProperties props;
    private SystemSettings settings;
    private final Actor admin = new Actor("admin", "test");

    @BeforeEach
    void open() {
        boot();
    }

    private void boot() {
        store = new Store(Database.embedded(dir));
        props = new ServerProperties(store.tx(store.properties()::all));
        settings = new SystemSettings(store.tx(store.settings()::all));
        Replicator recording = new RecordingReplicator(replicated);
        cli = new CommandProcessor(store, props, settings, recording, "server-test");
    }

    private void restart() {
        store.close();
        boot();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theArticlesThreeCommandsWorkAsPrinted() {
        CommandResult r1 =
                cli.execute("prop.set c42.sabre.server.certificate.useHttpsCertificate true save all", admin);
        CommandResult r2 = cli.execute("setting.set system c42.sabre.client.certificate.strictValidation true", admin);
        CommandResult r3 = cli.execute(
                "prop.set c42.pki.cert.trustedFingerprints "
                        + SHA1.replace(":", "").toLowerCase() + " save all",
                admin);
        assertThat(List.of(r1, r2, r3)).allMatch(CommandResult::ok);
        assertThat(replicated)
                .containsExactly(
                        "c42.sabre.server.certificate.useHttpsCertificate=true",
                        "c42.sabre.server.certificate.trustedFingerprints=" + SHA1);
        restart();
        assertThat(cli.execute("prop.show c42.sabre.server.certificate.useHttpsCertificate", admin)
                        .output())
                .isEqualTo("c42.sabre.server.certificate.useHttpsCertificate = true (replicated)");
        assertThat(cli.execute("prop.show c42.pki.cert.trustedFingerprints", admin)
                        .output())
                .isEqualTo("c42.sabre.server.certificate.trustedFingerprints = " + SHA1 + " (replicated)");
        assertThat(cli.execute("setting.show system c42.sabre.client.certificate.strictValidation", admin)
                        .output())
                .isEqualTo("c42.sabre.client.certificate.strictValidation = true (saved)");
    }

    @Test
    void showNamesEverySource() {
        String key = PropertyKey.USE_HTTPS_CERTIFICATE.key();
        assertThat(cli.execute("prop.show " + key, admin).output()).endsWith("= false (default)");
        cli.execute("prop.set " + key + " true", admin);
        assertThat(cli.execute("prop.show " + key, admin).output()).endsWith("= true (runtime)");
        cli.execute("prop.set " + key + " TRUE save", admin);
        assertThat(cli.execute("prop.show " + key, admin).output()).endsWith("= true (saved)");
        cli.execute("prop.set " + key + " false", admin);
        assertThat(cli.execute("prop.show " + key, admin).output()).endsWith("= false (runtime)");
        restart();
        assertThat(cli.execute("prop.show " + key, admin).output()).endsWith("= true (saved)");
        assertThat(cli.execute("prop.del " + key + " save", admin).ok()).isTrue();
        restart();
        assertThat(cli.execute("prop.show " + key, admin).output()).endsWith("= false (default)");
    }

    @Test
    void runtimeDeletionFallsBackToTheSavedValue() {
        String key = "c42.custom.thing";
        cli.execute("prop.set " + key + " one save", admin);
        cli.execute("prop.set " + key + " two", admin);
        CommandResult r = cli.execute("prop.del " + key, admin);
        assertThat(r.output()).isEqualTo("running value removed; now c42.custom.thing = one (saved)");
    }

    @Test
    void unknownVendorKeysAreAcceptedWithAWarningOthersRefused() {
        CommandResult accepted = cli.execute("prop.set c42.some.future.key 17", admin);
        assertThat(accepted.ok()).isTrue();
        assertThat(accepted.output()).startsWith("warning: c42.some.future.key is not a key this server knows");
        CommandResult refused = cli.execute("prop.set java.home /tmp", admin);
        assertThat(refused.ok()).isFalse();
        assertThat(refused.output())
                .startsWith("error: unknown key 'java.home': expected one of")
                .doesNotContain("\n");
    }

    @Test
    void malformedLinesAndValuesGetOneLineErrorsAndChangeNothing() {
        String key = PropertyKey.TRUSTED_FINGERPRINTS.key();
        cli.execute("prop.set " + key + " " + SHA1 + " save", admin);
        List<String> bad = List.of(
                "",
                "prop.sett x y",
                "prop.set",
                "prop.set " + key,
                "prop.set " + key + " save",
                "prop.set " + key + " " + SHA1 + ",ZZ save",
                "prop.set " + key + " " + SHA1 + ",," + SHA1,
                "prop.set " + PropertyKey.USE_HTTPS_CERTIFICATE.key() + " yes",
                "prop.set " + PropertyKey.STRICT_VALIDATION.key() + " true",
                "setting.set system " + PropertyKey.USE_HTTPS_CERTIFICATE.key() + " true",
                "setting.set global " + PropertyKey.STRICT_VALIDATION.key() + " true",
                "setting.set system " + PropertyKey.STRICT_VALIDATION.key() + " maybe",
                "setting.show",
                "prop.show a b",
                "prop.del",
                "help nothing",
                "prop.set \"unterminated x");
        for (String line : bad) {
            CommandResult r = cli.execute(line, admin);
            assertThat(r.ok()).as(line).isFalse();
            assertThat(r.output()).as(line).startsWith("error: ").doesNotContain("\n");
        }
        assertThat(cli.execute("prop.show " + key, admin).output()).isEqualTo(key + " = " + SHA1 + " (saved)");
        assertThat(cli.execute("setting.show system", admin).output())
                .isEqualTo(PropertyKey.STRICT_VALIDATION.key() + " = false (default)");
        assertThat(cli.execute("prop.set " + PropertyKey.STRICT_VALIDATION.key() + " true", admin)
                        .output())
                .contains("use setting.set system");
        assertThat(cli.execute("prop.sett x y", admin).output()).contains("expected one of prop.set, prop.show");
    }

    @Test
    void switchingStrictOffWarns() {
        String key = PropertyKey.STRICT_VALIDATION.key();
        assertThat(cli.execute("setting.set system " + key + " false", admin).output())
                .doesNotContain("warning");
        cli.execute("setting.set system " + key + " true", admin);
        assertThat(cli.execute("setting.set system " + key + " false", admin).output())
                .contains(CommandProcessor.STRICT_OFF_WARNING);
    }

    @Test
    void settingChangesNotifyListeners() {
        List<String> changed = new ArrayList<>();
        settings.onChange(changed::add);
        props.onChange(changed::add);
        cli.execute("setting.set system c42.sabre.client.certificate.strictValidation true", admin);
        cli.execute("prop.set c42.pki.cert.trustedFingerprints " + SHA1, admin);
        assertThat(changed)
                .containsExactly(
                        "c42.sabre.client.certificate.strictValidation",
                        "c42.sabre.server.certificate.trustedFingerprints");
    }

    @Test
    void helpListsAndExplains() {
        assertThat(cli.execute("help", admin).output())
                .contains("prop.set <key> <value> [save [all]]", "setting.show system [<key>]", "help [<command>]");
        assertThat(cli.execute("help prop.del", admin).output()).startsWith("usage: prop.del <key> [save [all]]");
    }

    @Test
    void everyCommandIsAudited() {
        cli.execute("prop.set c42.a b save", admin);
        cli.execute("prop.set bogus b", admin);
        var entries = store.tx(c -> store.auditLog().recent(c, 10));
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).succeeded()).isFalse();
        assertThat(entries.get(1).command()).isEqualTo("prop.set c42.a b save");
    }
}
