package io.tlslab.ca.store;

import io.tlslab.ca.BouncyCastle;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * Encodes PKCS#12 files directly with Bouncy Castle, in the format the JDK 17 itself writes (PBES2
 * AES-256-CBC with HMAC-SHA256, HMAC-SHA256 integrity MAC) but with OpenSSL's classic iteration count
 * of 2048 instead of the JDK's 10000. The files hold throwaway keys under a published password, so
 * the iteration count protects nothing, while in a short-lived CLI the JDK's count made PKCS#12
 * encoding the single biggest cost of writing a set. (Bouncy Castle's provider does the encryption:
 * the JDK's has no PBES2 cipher under the AES OID that the builder asks for.)
 */
final class Pkcs12Encoder {
    /** OpenSSL's long-standing default PKCS#12 iteration count. */
    static final int ITERATIONS = 2048;
    /** The attribute the JDK requires to load a certificate bag as a trusted-certificate entry. */
    private static final ASN1ObjectIdentifier ORACLE_TRUSTED_KEY_USAGE =
            new ASN1ObjectIdentifier("2.16.840.1.113894.746875.1.1");

    private Pkcs12Encoder() {}

    static byte[] keyStore(String alias, PrivateKey key, List<X509Certificate> chain, char[] password) {
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            PublicKey leafKey = chain.get(0).getPublicKey();
            List<PKCS12SafeBag> certBags = new ArrayList<>();
            for (int i = 0; i < chain.size(); i++) {
                PKCS12SafeBagBuilder b = new JcaPKCS12SafeBagBuilder(chain.get(i));
                if (i == 0) {
                    b.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(alias));
                    b.addBagAttribute(
                            PKCSObjectIdentifiers.pkcs_9_at_localKeyId, ext.createSubjectKeyIdentifier(leafKey));
                }
                certBags.add(b.build());
            }
            PKCS12SafeBagBuilder keyBag = new JcaPKCS12SafeBagBuilder(key, encryptor(password));
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(alias));
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, ext.createSubjectKeyIdentifier(leafKey));

            PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
            pfx.addEncryptedData(encryptor(password), certBags.toArray(PKCS12SafeBag[]::new));
            pfx.addData(keyBag.build());
            return pfx.build(mac(), password).getEncoded(ASN1Encoding.DER);
        } catch (Exception e) {
            throw new IllegalStateException("cannot encode PKCS#12 key store: " + e.getMessage(), e);
        }
    }

    static byte[] trustStore(List<X509Certificate> anchors, char[] password) {
        try {
            List<PKCS12SafeBag> bags = new ArrayList<>();
            for (int i = 0; i < anchors.size(); i++) {
                PKCS12SafeBagBuilder b = new JcaPKCS12SafeBagBuilder(anchors.get(i));
                b.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString("ca-" + (i + 1)));
                b.addBagAttribute(ORACLE_TRUSTED_KEY_USAGE, KeyPurposeId.anyExtendedKeyUsage);
                bags.add(b.build());
            }
            PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
            pfx.addEncryptedData(encryptor(password), bags.toArray(PKCS12SafeBag[]::new));
            return pfx.build(mac(), password).getEncoded(ASN1Encoding.DER);
        } catch (Exception e) {
            throw new IllegalStateException("cannot encode PKCS#12 trust store: " + e.getMessage(), e);
        }
    }

    private static OutputEncryptor encryptor(char[] password)
            throws org.bouncycastle.operator.OperatorCreationException {
        return new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE))
                .setIterationCount(ITERATIONS)
                .setProvider(BouncyCastle.provider())
                .build(password);
    }

    private static JcePKCS12MacCalculatorBuilder mac() {
        return new JcePKCS12MacCalculatorBuilder(NISTObjectIdentifiers.id_sha256)
                .setIterationCount(ITERATIONS)
                .setProvider(BouncyCastle.provider());
    }
}
