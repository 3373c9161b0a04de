package io.tlslab.client.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlslab.protocol.settings.FingerprintList;
import io.tlslab.protocol.settings.PropertyKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSettingsStoreTest {

    private static final String SHA1 = "3A:7F:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:01:02";

    @TempDir
    Path dir;

    @Test
    void aFreshDirectoryYieldsDefaultsAndAGuidThatStays() throws IOException {
        FileSettingsStore store = new FileSettingsStore(dir.resolve("data"));
        assertThat(store.load()).isEqualTo(EndpointSettings.defaults());
        String guid = store.guid();
        assertThat(guid).matches("[0-9a-f-]{36}");
        assertThat(new FileSettingsStore(dir.resolve("data")).guid()).isEqualTo(guid);
    }

    @Test
    void savedSettingsSurviveANewStoreInstanceAndKeepTheGuid() throws IOException {
        FileSettingsStore store = new FileSettingsStore(dir);
        String guid = store.guid();
        EndpointSettings strict = new EndpointSettings(true, FingerprintList.parse(SHA1));
        store.save(strict);

        FileSettingsStore restarted = new FileSettingsStore(dir);
        assertThat(restarted.load()).isEqualTo(strict);
        assertThat(restarted.guid()).isEqualTo(guid);
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws IOException {
        FileSettingsStore store = new FileSettingsStore(dir);
        for (int i = 0; i < 5; i++) {
            store.save(EndpointSettings.defaults().withStrictValidation(i % 2 == 0));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(FileSettingsStore.FILE_NAME);
        }
        assertThat(store.load().strictValidation()).isTrue();
    }

    @Test
    void aStaleTemporaryFileFromACrashIsIgnored() throws IOException {
        FileSettingsStore store = new FileSettingsStore(dir);
        store.save(EndpointSettings.defaults().withStrictValidation(true));
        // a crash between writing the temp file and the rename leaves this behind
        Files.writeString(
                dir.resolve(".endpoint.properties.123.tmp"), "c42.sabre.client.certificate.strictValidation=fal");
        assertThat(new FileSettingsStore(dir).load().strictValidation()).isTrue();
    }

    @Test
    void aCorruptValueIsAnErrorNotASilentDowngradeToDefaults() throws IOException {
        Files.writeString(
                dir.resolve(FileSettingsStore.FILE_NAME),
                PropertyKey.STRICT_VALIDATION.key() + "=maybe\n",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new FileSettingsStore(dir).load())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("invalid setting")
                .hasMessageContaining("expects true or false");
    }

    @Test
    void applyTakesKnownKeysAndAliasesAndRefusesMalformedValues() {
        EndpointSettings s = EndpointSettings.defaults()
                .apply(Map.of(
                        PropertyKey.STRICT_VALIDATION.key(),
                        "TRUE",
                        "c42.pki.cert.trustedFingerprints",
                        SHA1.toLowerCase(),
                        "some.other.key",
                        "ignored"));
        assertThat(s).isEqualTo(new EndpointSettings(true, FingerprintList.parse(SHA1)));
        // keys absent from a message keep their value
        assertThat(s.apply(Map.of(PropertyKey.STRICT_VALIDATION.key(), "false")).trustedFingerprints())
                .isEqualTo(FingerprintList.parse(SHA1));
        assertThatThrownBy(() -> s.apply(Map.of(PropertyKey.TRUSTED_FINGERPRINTS.key(), "zz")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
