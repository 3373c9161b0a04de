package io.tlslab.tls.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** The names a certificate carries, as the hostname and name-constraint checks need them. */
final class CertificateNames {
    private CertificateNames() {}

    /** Common name values of {@code subject}, most specific (last) first. */
    static List<String> commonNames(X500Name subject) {
        List<String> names = new ArrayList<>(1);
        for (RDN rdn : subject.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                if (atv.getType().equals(BCStyle.CN)) {
                    ASN1Encodable value = atv.getValue();
                    names.add(0, value instanceof ASN1String s ? s.getString() : value.toString());
                }
            }
        }
        return names;
    }

    static String subject(X500Principal subject) {
        String name = subject.getName();
        return name.isEmpty() ? "(empty subject)" : name;
    }

    /**
     * RFC 5280 7.1 name matching ({@link X500Principal#equals}, which compares canonical forms), with the
     * common case first: identical encodings are equal names, and the principals are made only when the
     * encodings differ.
     */
    static boolean sameName(Supplier<X500Principal> a, byte[] aDer, Supplier<X500Principal> b, byte[] bDer) {
        return Arrays.equals(aDer, bDer) || a.get().equals(b.get());
    }
}
