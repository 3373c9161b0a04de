package io.tlslab.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.protocol.settings.PropertyKey;
import io.tlslab.protocol.wire.MessageCodec;
import io.tlslab.server.properties.KeyResolver;
import io.tlslab.server.properties.PushedSettings;
import io.tlslab.server.properties.ServerProperties;
import io.tlslab.server.properties.SystemSettings;
import io.tlslab.server.store.AuditEntry;
import io.tlslab.server.store.Database;
import io.tlslab.server.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10 finding 1 and 5: every input limit of the command line, each refused in one line and audited. */
class InputLimitsTest {
    private static final String STRICT = PropertyKey.STRICT_VALIDATION.key();

    @TempDir
    Path dir;

    private Store store;
    private SystemSettings settings;
    private ServerProperties props;
    private CommandProcessor cli;
    private final List<String> pushes = new ArrayList<>();
    private final List<String> replicated = new ArrayList<>();
    private final Actor admin = new Actor("admin", "test");

    @BeforeEach
    void open() {
        store = new Store(Database.embedded(dir));
        props = new ServerProperties(store.tx(store.properties()::all));
        settings = new SystemSettings(store.tx(store.settings()::all));
        settings.onChange(pushes::add);
        cli = new CommandProcessor(store, props, settings, new RecordingReplicator(replicated), "server-test");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private AuditEntry lastAudit() {
        return store.tx(c -> store.auditLog().recent(c, 1)).get(0);
    }

    private static void assertOneLineRefusal(CommandResult r, String mentions) {
        assertThat(r.ok()).isFalse();
        assertThat(r.output())
                .startsWith("error: ")
                .contains(mentions)
                .doesNotContain("\n")
                .doesNotContainIgnoringCase("jdbc")
                .doesNotContain("Exception");
    }

    @Test
    void a70000CharacterSettingIsRefusedBeforeItIsSavedAndStrictValidationStillReachesEndpoints() {
        CommandResult r = cli.execute("setting.set system c42.big.setting " + "x".repeat(70_000), admin);
        assertOneLineRefusal(r, "too long");
        assertThat(lastAudit().succeeded()).isFalse();
        assertThat(settings.savedValues()).doesNotContainKey("c42.big.setting");
        assertThat(pushes).isEmpty();

        assertThat(cli.execute("setting.set system " + STRICT + " true", admin).ok())
                .isTrue();
        byte[] pushed = MessageCodec.encode(new PushedSettings(settings, props).current());
        assertThat(pushed.length).isLessThan(MessageCodec.MAX_FRAME_BYTES);
        assertThat(settings.booleanValue(PropertyKey.STRICT_VALIDATION)).isTrue();
    }

    @Test
    void settingsThatTogetherWouldNotFitOneFrameAreRefusedAtTheOneThatOverflows() {
        String value = "v".repeat(KeyResolver.MAX_VALUE_CHARS - 100);
        int accepted = 0;
        CommandResult last = null;
        for (int i = 0; i < 6; i++) {
            last = cli.execute("setting.set system c42.filler." + i + " " + value, admin);
            if (!last.ok()) {
                break;
            }
            accepted++;
        }
        assertThat(accepted).isBetween(1, 4);
        assertOneLineRefusal(last, "would not fit one message");
        assertThat(lastAudit().succeeded()).isFalse();
        assertThat(settings.savedValues()).hasSize(accepted);
        assertThat(MessageCodec.encode(new PushedSettings(settings, props).current()).length)
                .isLessThanOrEqualTo(MessageCodec.MAX_FRAME_BYTES);
    }

    @Test
    void aKeyOver255CharactersIsAOneLineRefusalNotAServerError() {
        CommandResult r = cli.execute("prop.set c42." + "k".repeat(300) + " v save", admin);
        assertOneLineRefusal(r, "key of 304 characters is too long: at most " + KeyResolver.MAX_KEY_CHARS);
        assertThat(lastAudit().succeeded()).isFalse();
        assertThat(lastAudit().result()).contains("too long");
    }

    @Test
    void keySyntaxIsChecked() {
        for (String key : List.of("c42.<b>", "c42..double", "c42.a\u0000b", "c42.", "other.key")) {
            CommandResult r = cli.execute("prop.set \"" + key + "\" v save", admin);
            assertOneLineRefusal(r, "unknown key");
        }
        assertThat(cli.execute("prop.set c42.vendor.some_key-2 v save", admin).ok())
                .isTrue();
    }

    @Test
    void valuesAreBoundedAndPrintable() {
        assertOneLineRefusal(
                cli.execute("prop.set c42.x " + "v".repeat(KeyResolver.MAX_VALUE_CHARS + 1) + " save", admin),
                "value of " + (KeyResolver.MAX_VALUE_CHARS + 1) + " characters is too long");
        assertOneLineRefusal(cli.execute("prop.set c42.x \"a\u001b[2Jb\" save", admin), "control character U+001B");
        assertThat(replicated).isEmpty();
        assertThat(cli.execute("prop.set c42.x " + "v".repeat(KeyResolver.MAX_VALUE_CHARS) + " save all", admin)
                        .ok())
                .isTrue();
        assertThat(replicated).hasSize(1);
    }

    @Test
    void theCommandLineItselfIsBounded() {
        CommandResult r = cli.execute("help " + "h".repeat(CommandProcessor.MAX_COMMAND_CHARS), admin);
        assertOneLineRefusal(r, "too long: at most " + CommandProcessor.MAX_COMMAND_CHARS);
        AuditEntry a = lastAudit();
        assertThat(a.succeeded()).isFalse();
        assertThat(a.command().length()).isLessThanOrEqualTo(4000);
    }

    @Test
    void settingDelRemovesTheSavedValuePushesAndSurvivesARestart() {
        cli.execute("setting.set system c42.big.setting hello", admin);
        pushes.clear();
        CommandResult r = cli.execute("setting.del system c42.big.setting", admin);
        assertThat(r.ok()).as(r.output()).isTrue();
        assertThat(pushes).containsExactly("c42.big.setting");
        assertThat(lastAudit().command()).isEqualTo("setting.del system c42.big.setting");
        assertThat(store.tx(store.settings()::all)).doesNotContainKey("c42.big.setting");
        assertOneLineRefusal(cli.execute("setting.del system c42.big.setting", admin), "no saved value");
    }

    @Test
    void propDelSaveAllReplicatesTheDeletion() {
        cli.execute("prop.set c42.some.key v save all", admin);
        CommandResult r = cli.execute("prop.del c42.some.key save all", admin);
        assertThat(r.ok()).isTrue();
        assertThat(replicated).containsExactly("c42.some.key=v", "c42.some.key=null");
        assertThat(store.tx(store.properties()::all)).doesNotContainKey("c42.some.key");
    }

    @Test
    void readOnlyCommandsAreAuditedToo() {
        for (String line : List.of("help", "prop.show", "setting.show system " + STRICT)) {
            assertThat(cli.execute(line, admin).ok()).isTrue();
            AuditEntry a = lastAudit();
            assertThat(a.command()).isEqualTo(line);
            assertThat(a.succeeded()).isTrue();
            assertThat(a.admin()).isEqualTo("admin");
        }
    }
}
