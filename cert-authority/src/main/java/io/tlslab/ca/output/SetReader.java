package io.tlslab.ca.output;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.manifest.ManifestJson;
import io.tlslab.ca.manifest.ScenarioEntry;
import io.tlslab.ca.manifest.SetManifest;
import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.scenario.Scenario;
import io.tlslab.ca.store.PemKeys;
import io.tlslab.protocol.pem.Pem;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a set written by {@link SetWriter} (e.g. by {@code tlslab-ca mint --all}) back into
 * {@link MintedScenario}s, so a server or fleet process can use certificates minted by another one.
 */
public final class SetReader {
    private SetReader() {}

    /**
     * @param dir the directory holding {@code manifest.json}
     * @throws IOException              if a file cannot be read
     * @throws IllegalArgumentException if the manifest or a file in it is not what tlslab-ca writes
     */
    public static List<MintedScenario> read(Path dir) throws IOException {
        SetManifest manifest = ManifestJson.read(dir.resolve(SetManifest.FILE_NAME));
        List<MintedScenario> result = new ArrayList<>();
        for (ScenarioEntry e : manifest.scenarios()) {
            Scenario scenario = Scenario.parse(e.name());
            List<X509Certificate> served =
                    Pem.readCertificates(dir.resolve(e.files().get("chain")));
            List<X509Certificate> anchors =
                    Pem.readCertificates(dir.resolve(e.files().get("trustAnchors")));
            PrivateKey key = PemKeys.readPrivateKey(dir.resolve(e.files().get("privateKey")));
            List<java.security.cert.X509CRL> crls = e.files().containsKey("crls")
                    ? Pem.readCrls(dir.resolve(e.files().get("crls")))
                    : List.of();
            X509Certificate leaf = served.get(0);
            result.add(new MintedScenario(
                    scenario,
                    e.host(),
                    e.dialHost(),
                    new HeldCertificate(new KeyPair(leaf.getPublicKey(), key), leaf),
                    served,
                    anchors,
                    crls));
        }
        return List.copyOf(result);
    }
}
