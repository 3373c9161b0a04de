package io.tlslab.tls.validation;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
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
    static final int SAN_DNS = 2;
    static final int SAN_IP = 7;

    private CertificateNames() {}

    /** Subject alternative names of one type (the JDK caches the parsed extension). */
    static List<String> subjectAltNames(X509Certificate certificate, int type) {
        Collection<List<?>> all;
        try {
            all = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return List.of();
        }
        if (all == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>(2);
        for (List<?> entry : all) {
            if (entry.size() >= 2
                    && entry.get(0) instanceof Integer t
                    && t == type
                    && entry.get(1) instanceof String s) {
                names.add(s);
            }
        }
        return names;
    }

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

    static String subject(X509Certificate certificate) {
        return subject(certificate.getSubjectX500Principal());
    }

    static String subject(X500Principal subject) {
        String name = subject.getName();
        return name.isEmpty() ? "(empty subject)" : name;
    }

    static boolean isSelfIssued(X509Certificate certificate) {
        return sameName(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal());
    }

    /**
     * RFC 5280 7.1 name matching ({@link X500Principal#equals}, which compares canonical forms), with the
     * common case first: identical encodings are equal names without building the canonical strings.
     */
    static boolean sameName(X500Principal a, X500Principal b) {
        return a == b || Arrays.equals(a.getEncoded(), b.getEncoded()) || a.equals(b);
    }

    /**
     * As {@link #sameName(X500Principal, X500Principal)} with the encodings at hand and the principals made
     * only when the encodings differ (mostly they are equal, or differ as names too).
     */
    static boolean sameName(Supplier<X500Principal> a, byte[] aDer, Supplier<X500Principal> b, byte[] bDer) {
        return Arrays.equals(aDer, bDer) || a.get().equals(b.get());
    }
}
