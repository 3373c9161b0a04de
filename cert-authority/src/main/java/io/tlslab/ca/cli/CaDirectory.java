package io.tlslab.ca.cli;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.output.SecureFiles;
import io.tlslab.ca.store.KeyStores;
import io.tlslab.ca.store.PemKeys;
import io.tlslab.cli.UsageException;
import io.tlslab.protocol.pem.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** The files {@code init} writes and {@code mint --ca} reads: a root and an intermediate with keys. */
final class CaDirectory {
    static final String ROOT_CERT = "root.pem";
    static final String ROOT_KEY = "root.key";
    static final String INTERMEDIATE_CERT = "intermediate.pem";
    static final String INTERMEDIATE_KEY = "intermediate.key";
    static final String TRUSTSTORE_P12 = "truststore.p12";
    static final String TRUSTSTORE_JKS = "truststore.jks";
    static final List<String> ALL =
            List.of(ROOT_CERT, ROOT_KEY, INTERMEDIATE_CERT, INTERMEDIATE_KEY, TRUSTSTORE_P12, TRUSTSTORE_JKS);

    private CaDirectory() {}

    static List<Path> write(Path dir, HeldCertificate root, HeldCertificate intermediate) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(SecureFiles.writePublic(dir.resolve(ROOT_CERT), ascii(Pem.certificate(root.certificate()))));
        files.add(SecureFiles.writeSecret(dir.resolve(ROOT_KEY), ascii(Pem.privateKey(root.privateKey()))));
        files.add(SecureFiles.writePublic(
                dir.resolve(INTERMEDIATE_CERT), ascii(Pem.certificate(intermediate.certificate()))));
        files.add(SecureFiles.writeSecret(
                dir.resolve(INTERMEDIATE_KEY), ascii(Pem.privateKey(intermediate.privateKey()))));
        char[] password = KeyStores.DEFAULT_PASSWORD.toCharArray();
        files.add(SecureFiles.writePublic(
                dir.resolve(TRUSTSTORE_P12),
                KeyStores.encodeTrustStore(KeyStores.Type.PKCS12, List.of(root.certificate()), password)));
        files.add(SecureFiles.writePublic(
                dir.resolve(TRUSTSTORE_JKS),
                KeyStores.encodeTrustStore(KeyStores.Type.JKS, List.of(root.certificate()), password)));
        return files;
    }

    /** Loads root and intermediate; a missing or mismatched file is a usage error naming it. */
    static HeldCertificate[] read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new UsageException(
                    "CA directory " + dir + " does not exist (create it with 'tlslab-ca init --out " + dir + "')");
        }
        return new HeldCertificate[] {load(dir, ROOT_CERT, ROOT_KEY), load(dir, INTERMEDIATE_CERT, INTERMEDIATE_KEY)};
    }

    private static HeldCertificate load(Path dir, String certName, String keyName) throws IOException {
        Path certFile = dir.resolve(certName);
        Path keyFile = dir.resolve(keyName);
        for (Path p : List.of(certFile, keyFile)) {
            if (!Files.isReadable(p)) {
                throw new NoSuchFileException(p + " (is " + dir + " a directory made by 'tlslab-ca init'?)");
            }
        }
        X509Certificate cert = Pem.readCertificates(certFile).get(0);
        PrivateKey key = PemKeys.readPrivateKey(keyFile);
        HeldCertificate held = new HeldCertificate(new KeyPair(cert.getPublicKey(), key), cert);
        if (!keyMatches(held)) {
            throw new UsageException(keyFile + " is not the private key of " + certFile);
        }
        return held;
    }

    private static boolean keyMatches(HeldCertificate held) {
        try {
            String alg = held.certificate().getPublicKey().getAlgorithm().equals("RSA")
                    ? "SHA256withRSA"
                    : held.certificate().getPublicKey().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "Ed25519";
            java.security.Signature s = java.security.Signature.getInstance(alg);
            s.initSign(held.privateKey());
            s.update(new byte[] {1, 2, 3});
            byte[] sig = s.sign();
            s.initVerify(held.certificate().getPublicKey());
            s.update(new byte[] {1, 2, 3});
            return s.verify(sig);
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
