package io.tlslab.server.cert;

import io.tlslab.ca.store.PemKeys;
import io.tlslab.protocol.cert.CertificateFacts;
import io.tlslab.protocol.pem.Pem;
import io.tlslab.protocol.pem.PemFormatException;
import io.tlslab.tls.identity.ServedIdentity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads a key and its chain from what an admin uploads: PKCS#12, JKS, or PEM (key and
 * certificates, in one or several blocks, in any order). The format is recognised from the bytes.
 * Every refusal names the problem precisely (wrong password, key that does not match, missing
 * chain, unparsable input) so the admin knows what to fix; nothing is installed on a refusal.
 */
public final class KeystoreImporter {
    private static final byte[] JKS_MAGIC = {(byte) 0xFE, (byte) 0xED, (byte) 0xFE, (byte) 0xED};

    /** Input formats, as detected. */
    public enum Format {
        PKCS12,
        JKS,
        PEM
    }

    private KeystoreImporter() {}

    public static Format detect(byte[] content) {
        String head = new String(content, 0, Math.min(content.length, 64), StandardCharsets.ISO_8859_1).stripLeading();
        if (head.startsWith("-----BEGIN")) {
            return Format.PEM;
        }
        if (content.length >= 4
                && content[0] == JKS_MAGIC[0]
                && content[1] == JKS_MAGIC[1]
                && content[2] == JKS_MAGIC[2]
                && content[3] == JKS_MAGIC[3]) {
            return Format.JKS;
        }
        return Format.PKCS12;
    }

    /**
     * @param password the keystore password (PKCS#12, JKS) or the key's password (encrypted PEM);
     *                 may be empty
     * @param alias    the key entry to use when a keystore holds several; may be null
     */
    public static ServedIdentity load(byte[] content, char[] password, String alias) throws CertificateImportException {
        if (content == null || content.length == 0) {
            throw new CertificateImportException("the uploaded file is empty");
        }
        Format format = detect(content);
        ServedIdentity raw =
                format == Format.PEM ? fromPem(content, password) : fromKeystore(content, format, password, alias);
        List<X509Certificate> chain = orderChain(raw.chain());
        requireMatchingKey(raw.key(), chain.get(0));
        X509Certificate leaf = chain.get(0);
        if (chain.size() == 1 && !CertificateFacts.isSelfIssued(leaf)) {
            throw new CertificateImportException("the chain is missing: only the leaf " + subject(leaf)
                    + " was supplied; add the certificate(s) of its issuer "
                    + leaf.getIssuerX500Principal().getName());
        }
        return new ServedIdentity(raw.key(), chain);
    }

    private static ServedIdentity fromKeystore(byte[] content, Format format, char[] password, String alias)
            throws CertificateImportException {
        String label = format == Format.JKS ? "JKS" : "PKCS#12";
        KeyStore ks;
        try {
            ks = KeyStore.getInstance(format == Format.JKS ? "JKS" : "PKCS12");
            ks.load(new ByteArrayInputStream(content), password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).contains("password")) {
                throw new CertificateImportException("wrong password for the " + label + " keystore", e);
            }
            throw new CertificateImportException(
                    "unparsable file: not a PEM, PKCS#12 or JKS keystore (" + oneLine(e.getMessage()) + ")", e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CertificateImportException(
                    "unparsable " + label + " keystore (" + oneLine(e.getMessage()) + ")", e);
        }
        try {
            List<String> keyAliases = new ArrayList<>();
            for (String a : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(a)) {
                    keyAliases.add(a);
                }
            }
            if (keyAliases.isEmpty()) {
                throw new CertificateImportException(
                        "the " + label + " keystore holds no private key, only certificates");
            }
            String chosen;
            if (alias != null && !alias.isBlank()) {
                if (!keyAliases.contains(alias)) {
                    throw new CertificateImportException(
                            "the " + label + " keystore has no key entry '" + alias + "': it has " + keyAliases);
                }
                chosen = alias;
            } else if (keyAliases.size() > 1) {
                throw new CertificateImportException("the " + label + " keystore holds " + keyAliases.size() + " keys "
                        + keyAliases + ": name the one to use with an alias");
            } else {
                chosen = keyAliases.get(0);
            }
            Key key;
            try {
                key = ks.getKey(chosen, password);
            } catch (UnrecoverableKeyException e) {
                throw new CertificateImportException(
                        "wrong password for key '" + chosen + "' in the " + label + " keystore", e);
            }
            if (!(key instanceof PrivateKey)) {
                throw new CertificateImportException(
                        "entry '" + chosen + "' of the " + label + " keystore is not a private key");
            }
            Certificate[] chain = ks.getCertificateChain(chosen);
            if (chain == null || chain.length == 0) {
                throw new CertificateImportException(
                        "key '" + chosen + "' in the " + label + " keystore has no certificate");
            }
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : chain) {
                certs.add((X509Certificate) c);
            }
            return new ServedIdentity((PrivateKey) key, certs);
        } catch (GeneralSecurityException e) {
            throw new CertificateImportException(
                    "cannot read the " + label + " keystore: " + oneLine(e.getMessage()), e);
        }
    }

    private static ServedIdentity fromPem(byte[] content, char[] password) throws CertificateImportException {
        String text = new String(content, StandardCharsets.US_ASCII);
        PrivateKey key;
        List<X509Certificate> certs;
        try {
            key = PemKeys.find(text, password == null ? new char[0] : password).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new CertificateImportException(e.getMessage(), e);
        }
        try {
            certs = new ArrayList<>(Pem.certificatesIn(text, "upload"));
        } catch (PemFormatException e) {
            throw new CertificateImportException("unparsable PEM (" + e.getMessage() + ")", e);
        }
        if (key == null) {
            throw new CertificateImportException(
                    "the PEM holds no private key: supply the key together with the chain");
        }
        if (certs.isEmpty()) {
            throw new CertificateImportException("the PEM holds a private key but no certificate");
        }
        // The leaf is the certificate of this key, wherever it sits in the file.
        for (int i = 0; i < certs.size(); i++) {
            if (keysMatch(key, certs.get(i))) {
                X509Certificate leaf = certs.remove(i);
                certs.add(0, leaf);
                break;
            }
        }
        return new ServedIdentity(key, certs);
    }

    /**
     * Leaf first, then each issuer found among the supplied certificates; certificates that are not
     * part of the leaf's path are dropped (bundles often carry extras).
     */
    static List<X509Certificate> orderChain(List<X509Certificate> supplied) {
        List<X509Certificate> remaining = new ArrayList<>(supplied.subList(1, supplied.size()));
        List<X509Certificate> chain = new ArrayList<>();
        X509Certificate current = supplied.get(0);
        chain.add(current);
        while (!CertificateFacts.isSelfIssued(current)) {
            X509Certificate issuer = null;
            for (X509Certificate c : remaining) {
                if (c.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
                    issuer = c;
                    break;
                }
            }
            if (issuer == null) {
                break;
            }
            remaining.remove(issuer);
            chain.add(issuer);
            current = issuer;
        }
        return chain;
    }

    private static void requireMatchingKey(PrivateKey key, X509Certificate leaf) throws CertificateImportException {
        if (!keysMatch(key, leaf)) {
            throw new CertificateImportException("the private key does not match the certificate " + subject(leaf)
                    + " (it belongs to another certificate)");
        }
    }

    /** Signs a random probe with the key and verifies it with the certificate's public key. */
    static boolean keysMatch(PrivateKey key, X509Certificate cert) {
        String keyAlg = key.getAlgorithm();
        if (!keyAlg.equals(cert.getPublicKey().getAlgorithm())) {
            return false;
        }
        String sigAlg = switch (keyAlg) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            default -> keyAlg; // Ed25519, Ed448
        };
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(sigAlg);
            signer.initSign(key);
            signer.update(probe);
            byte[] sig = signer.sign();
            Signature verifier = Signature.getInstance(sigAlg);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            return verifier.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String subject(X509Certificate c) {
        String s = c.getSubjectX500Principal().getName();
        return s.isEmpty() ? "<empty subject>" : s;
    }

    private static String oneLine(String s) {
        return s == null ? "no detail" : s.lines().findFirst().orElse("no detail");
    }
}
