package io.tlslab.tls.validation;

import java.math.BigInteger;
import java.security.Principal;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * A certificate that can only give its bytes, as the OpenSSL engine hands a chain to a trust manager
 * (Netty's LazyX509Certificate, which the JDK parses on the first getter other than getEncoded): any
 * other question fails the test, so a validation that completes never had the JDK parse the certificate.
 */
final class BytesOnlyCertificate extends X509Certificate {
    private final byte[] der;

    private BytesOnlyCertificate(byte[] der) {
        this.der = der.clone();
    }

    static List<X509Certificate> chain(List<X509Certificate> parsed) {
        return parsed.stream().map(BytesOnlyCertificate::of).toList();
    }

    static X509Certificate of(X509Certificate parsed) {
        try {
            return new BytesOnlyCertificate(parsed.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] getEncoded() {
        return der.clone();
    }

    private static AssertionError parsed(String getter) {
        return new AssertionError(getter + " asked: the JDK would have parsed the certificate");
    }

    @Override
    public void checkValidity() {
        throw parsed("checkValidity");
    }

    @Override
    public void checkValidity(Date date) {
        throw parsed("checkValidity");
    }

    @Override
    public int getVersion() {
        throw parsed("getVersion");
    }

    @Override
    public BigInteger getSerialNumber() {
        throw parsed("getSerialNumber");
    }

    @Override
    @SuppressWarnings("deprecation")
    public Principal getIssuerDN() {
        throw parsed("getIssuerDN");
    }

    @Override
    @SuppressWarnings("deprecation")
    public Principal getSubjectDN() {
        throw parsed("getSubjectDN");
    }

    @Override
    public X500Principal getIssuerX500Principal() {
        throw parsed("getIssuerX500Principal");
    }

    @Override
    public X500Principal getSubjectX500Principal() {
        throw parsed("getSubjectX500Principal");
    }

    @Override
    public Date getNotBefore() {
        throw parsed("getNotBefore");
    }

    @Override
    public Date getNotAfter() {
        throw parsed("getNotAfter");
    }

    @Override
    public byte[] getTBSCertificate() {
        throw parsed("getTBSCertificate");
    }

    @Override
    public byte[] getSignature() {
        throw parsed("getSignature");
    }

    @Override
    public String getSigAlgName() {
        throw parsed("getSigAlgName");
    }

    @Override
    public String getSigAlgOID() {
        throw parsed("getSigAlgOID");
    }

    @Override
    public byte[] getSigAlgParams() {
        throw parsed("getSigAlgParams");
    }

    @Override
    public boolean[] getIssuerUniqueID() {
        throw parsed("getIssuerUniqueID");
    }

    @Override
    public boolean[] getSubjectUniqueID() {
        throw parsed("getSubjectUniqueID");
    }

    @Override
    public boolean[] getKeyUsage() {
        throw parsed("getKeyUsage");
    }

    @Override
    public List<String> getExtendedKeyUsage() {
        throw parsed("getExtendedKeyUsage");
    }

    @Override
    public int getBasicConstraints() {
        throw parsed("getBasicConstraints");
    }

    @Override
    public Collection<List<?>> getSubjectAlternativeNames() {
        throw parsed("getSubjectAlternativeNames");
    }

    @Override
    public Collection<List<?>> getIssuerAlternativeNames() {
        throw parsed("getIssuerAlternativeNames");
    }

    @Override
    public void verify(PublicKey key) {
        throw parsed("verify");
    }

    @Override
    public void verify(PublicKey key, String sigProvider) {
        throw parsed("verify");
    }

    @Override
    public void verify(PublicKey key, java.security.Provider sigProvider) {
        throw parsed("verify");
    }

    @Override
    public String toString() {
        return "BytesOnlyCertificate(" + der.length + " bytes)";
    }

    @Override
    public PublicKey getPublicKey() {
        throw parsed("getPublicKey");
    }

    @Override
    public boolean hasUnsupportedCriticalExtension() {
        throw parsed("hasUnsupportedCriticalExtension");
    }

    @Override
    public Set<String> getCriticalExtensionOIDs() {
        throw parsed("getCriticalExtensionOIDs");
    }

    @Override
    public Set<String> getNonCriticalExtensionOIDs() {
        throw parsed("getNonCriticalExtensionOIDs");
    }

    @Override
    public byte[] getExtensionValue(String oid) {
        throw parsed("getExtensionValue");
    }
}
