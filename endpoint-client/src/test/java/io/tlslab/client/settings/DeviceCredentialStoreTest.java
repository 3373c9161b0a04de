package io.tlslab.client.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credential the server issues is kept in the endpoint's settings file and is not a setting. */
class DeviceCredentialStoreTest {
    @TempDir
    Path dir;

    @Test
    void theDeviceCredentialSurvivesARestartBesideTheSettings() throws Exception {
        FileSettingsStore store = new FileSettingsStore(dir);
        String guid = store.guid();
        assertThat(store.deviceCredential()).isEmpty();
        store.saveDeviceCredential("c2VjcmV0");
        store.save(EndpointSettings.defaults().withStrictValidation(true));
        FileSettingsStore again = new FileSettingsStore(dir);
        assertThat(again.guid()).isEqualTo(guid);
        assertThat(again.deviceCredential()).isEqualTo("c2VjcmV0");
        assertThat(again.load().strictValidation()).isTrue();
        assertThat(Files.readString(again.file())).contains("deviceCredential=c2VjcmV0");
    }

    @Test
    void theInMemoryStoreKeepsItForTheRun() throws Exception {
        InMemorySettingsStore store = new InMemorySettingsStore();
        store.saveDeviceCredential("x");
        assertThat(store.deviceCredential()).isEqualTo("x");
    }
}
