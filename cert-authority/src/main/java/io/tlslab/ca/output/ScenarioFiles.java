package io.tlslab.ca.output;

import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.store.KeyStores;
import io.tlslab.protocol.pem.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of one minted scenario, in its own directory. The names are fixed so scripts and the
 * other modules can find them without reading the manifest:
 *
 * <pre>
 * leaf.pem            the server certificate
 * leaf.key            its private key, PKCS#8 PEM, owner-only
 * chain.pem           the served chain, leaf first, exactly as the server sends it
 * trust.pem           the trust anchors the endpoint is configured with
 * keystore.p12 / .jks private key + chain (issuer order), password "changeit", owner-only
 * truststore.p12/.jks the trust anchors as trusted-certificate entries, password "changeit"
 * crl.pem             only for scenarios with CRLs: the CRLs the endpoint is configured with ({@code --crl})
 * </pre>
 */
final class ScenarioFiles {
    public static final String LEAF = "leaf.pem";
    public static final String KEY = "leaf.key";
    public static final String CHAIN = "chain.pem";
    public static final String TRUST = "trust.pem";
    public static final String KEYSTORE_P12 = "keystore.p12";
    public static final String KEYSTORE_JKS = "keystore.jks";
    public static final String TRUSTSTORE_P12 = "truststore.p12";
    public static final String TRUSTSTORE_JKS = "truststore.jks";
    public static final String CRL = "crl.pem";

    private ScenarioFiles() {}

    /**
     * Writes every file of {@code minted} into {@code dir}.
     *
     * @return role (manifest key) to written path, in writing order
     */
    public static Map<String, Path> write(MintedScenario minted, Path dir, char[] password) throws IOException {
        return write(minted, dir, password, new TrustStoreCache());
    }

    /** As {@link #write(MintedScenario, Path, char[])}, sharing trust store encodings across scenarios. */
    static Map<String, Path> write(MintedScenario minted, Path dir, char[] password, TrustStoreCache trustStores)
            throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        files.put(
                "certificate",
                SecureFiles.writePublic(
                        dir.resolve(LEAF), ascii(Pem.certificate(minted.leaf().certificate()))));
        files.put(
                "privateKey",
                SecureFiles.writeSecret(
                        dir.resolve(KEY), ascii(Pem.privateKey(minted.leaf().privateKey()))));
        files.put("chain", SecureFiles.writePublic(dir.resolve(CHAIN), ascii(Pem.certificates(minted.servedChain()))));
        files.put(
                "trustAnchors",
                SecureFiles.writePublic(dir.resolve(TRUST), ascii(Pem.certificates(minted.trustAnchors()))));
        List<java.security.cert.X509Certificate> chain = minted.servedChain();
        files.put(
                "keystorePkcs12",
                SecureFiles.writeSecret(
                        dir.resolve(KEYSTORE_P12),
                        KeyStores.encodeKeyStore(KeyStores.Type.PKCS12, minted.leaf(), chain, password)));
        files.put(
                "keystoreJks",
                SecureFiles.writeSecret(
                        dir.resolve(KEYSTORE_JKS),
                        KeyStores.encodeKeyStore(KeyStores.Type.JKS, minted.leaf(), chain, password)));
        files.put(
                "truststorePkcs12",
                SecureFiles.writePublic(
                        dir.resolve(TRUSTSTORE_P12),
                        trustStores.bytes(KeyStores.Type.PKCS12, minted.trustAnchors(), password)));
        files.put(
                "truststoreJks",
                SecureFiles.writePublic(
                        dir.resolve(TRUSTSTORE_JKS),
                        trustStores.bytes(KeyStores.Type.JKS, minted.trustAnchors(), password)));
        if (!minted.crls().isEmpty()) {
            files.put("crls", SecureFiles.writePublic(dir.resolve(CRL), ascii(Pem.crls(minted.crls()))));
        }
        return files;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
