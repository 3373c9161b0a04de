package io.tlslab.tls.validation;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * Where the fields {@link DecodedCertificate} needs lie in a certificate's DER, found in one pass over the
 * bytes without building an object per element: a cold validation used to spend about a third of its own
 * time having Bouncy Castle parse each certificate a second time (the JDK's factory has parsed it already).
 *
 * <p>Deliberately narrower than Bouncy Castle's parser: only plain DER of the X.509 v3 shape passes
 * (definite minimal lengths, minimal INTEGERs, well-formed OIDs and BOOLEANs, strict times, valid UTF-8,
 * no unique identifiers, no duplicate extension, nothing after the end), every element of which Bouncy
 * Castle also accepts with the same values. Anything else gives null, and the caller then lets Bouncy
 * Castle decide as before; so this makes decoding faster but never changes what is refused or why.
 */
final class CertificateFields {
    /** One extension: its OID's content octets, criticality, and where its extnValue's contents lie. */
    record Extension(byte[] oid, boolean critical, int valueStart, int valueEnd) {}

    private static final int MAX_DEPTH = 24;
    private static final int SEQUENCE = 0x30;
    private static final int SET = 0x31;
    private static final int INTEGER = 0x02;
    private static final int BIT_STRING = 0x03;
    private static final int OCTET_STRING = 0x04;
    private static final int OID = 0x06;
    private static final int BOOLEAN = 0x01;

    final byte[] der;
    final int serialStart;
    final int serialEnd;
    /** Whole TLVs of the names (tag and length included), as {@link javax.security.auth.x500.X500Principal} encodes them. */
    final int issuerStart;

    final int issuerEnd;
    final int subjectStart;
    final int subjectEnd;
    /** The SubjectPublicKeyInfo TLV, as the certificate carries it. */
    final int keyStart;

    final int keyEnd;
    /** Start of the validity's two times (UTCTime or GeneralizedTime TLVs, already checked digit by digit). */
    private final int validityStart;
    /** The TBSCertificate TLV in {@link #der}: the bytes the signature covers. */
    final int tbsStart;

    final int tbsEnd;
    /**
     * End of the signature AlgorithmIdentifier TLV (the one inside the TBSCertificate: only certificates
     * whose outer one has the very same bytes pass, as the JDK's parser refuses a mismatch).
     */
    private final int signatureAlgorithmEnd;
    /** The signatureValue BIT STRING's contents, its unused-bits octet first. */
    private final int signatureStart;

    private final int signatureEnd;
    /** Contents of the signature algorithm's OID. */
    private final int signatureOidStart;

    private final int signatureOidEnd;
    /** Contents of the OID naming the subject key's algorithm (inside the SubjectPublicKeyInfo). */
    private final int keyAlgorithmStart;

    private final int keyAlgorithmEnd;
    /** Empty when the certificate has no extensions field. */
    final List<Extension> extensions;

    private CertificateFields(byte[] der, int[] at, List<Extension> extensions) {
        this.der = der;
        this.serialStart = at[0];
        this.serialEnd = at[1];
        this.issuerStart = at[2];
        this.issuerEnd = at[3];
        this.subjectStart = at[4];
        this.subjectEnd = at[5];
        this.keyStart = at[5];
        this.keyEnd = at[6];
        this.validityStart = at[7];
        this.tbsStart = at[8];
        this.tbsEnd = at[9];
        this.signatureAlgorithmEnd = at[11];
        this.signatureStart = at[12];
        this.signatureEnd = at[13];
        this.keyAlgorithmStart = at[14];
        this.keyAlgorithmEnd = at[15];
        this.signatureOidStart = at[16];
        this.signatureOidEnd = at[17];
        this.extensions = extensions;
    }

    /** The fields of {@code der}, or null when it is not plain DER of the v3 shape (then ask Bouncy Castle). */
    static CertificateFields read(byte[] der) {
        try {
            return new Reader(der).certificate();
        } catch (NotPlain e) {
            return null;
        }
    }

    byte[] serialContents() {
        return Arrays.copyOfRange(der, serialStart, serialEnd);
    }

    byte[] issuerEncoding() {
        return Arrays.copyOfRange(der, issuerStart, issuerEnd);
    }

    byte[] subjectEncoding() {
        return Arrays.copyOfRange(der, subjectStart, subjectEnd);
    }

    /** The SubjectPublicKeyInfo's DER. */
    byte[] keyEncoding() {
        return Arrays.copyOfRange(der, keyStart, keyEnd);
    }

    /** The signature's octets, or null when its BIT STRING does not end on an octet boundary (the JDK then decides). */
    byte[] signatureValue() {
        if (der[signatureStart] != 0) {
            return null;
        }
        return Arrays.copyOfRange(der, signatureStart + 1, signatureEnd);
    }

    /** The signature algorithm's OID in dotted form. */
    String signatureAlgorithmId() {
        return dotted(signatureOidStart, signatureOidEnd);
    }

    /** The signature algorithm's parameters TLV, or null when it has none. */
    byte[] signatureAlgorithmParameters() {
        return signatureOidEnd == signatureAlgorithmEnd
                ? null
                : Arrays.copyOfRange(der, signatureOidEnd, signatureAlgorithmEnd);
    }

    /** The subject key's algorithm OID in dotted form. */
    String keyAlgorithmId() {
        return dotted(keyAlgorithmStart, keyAlgorithmEnd);
    }

    /** An OID's contents (already checked well-formed) in dotted form; Bouncy Castle keeps the common ones. */
    private String dotted(int from, int to) {
        return ASN1ObjectIdentifier.fromContents(Arrays.copyOfRange(der, from, to))
                .getId();
    }

    /** notBefore in epoch milliseconds, or {@link Long#MIN_VALUE} when the JDK's reading must decide (see {@link #millis}). */
    long notBeforeMillis() {
        return millis(validityStart);
    }

    long notAfterMillis() {
        return millis(validityStart + 2 + der[validityStart + 1]);
    }

    /**
     * The instant of the strict-form time at {@code at} (RFC 5280 4.1.2.5: a UTCTime year below 50 is 20YY),
     * as the JDK reads it; {@link Long#MIN_VALUE} for a field out of its calendar range, which the JDK's
     * lenient calendar would roll over instead of refusing.
     */
    private long millis(int at) {
        boolean utc = der[at] == 0x17;
        int p = at + 2;
        int year;
        if (utc) {
            year = digits(p, 2);
            year += year < 50 ? 2000 : 1900;
            p += 2;
        } else {
            year = digits(p, 4);
            p += 4;
        }
        int month = digits(p, 2);
        int day = digits(p + 2, 2);
        int hour = digits(p + 4, 2);
        int minute = digits(p + 6, 2);
        int second = digits(p + 8, 2);
        if (year < 1
                || month < 1
                || month > 12
                || day < 1
                || day > YearMonth.of(year, month).lengthOfMonth()
                || hour > 23
                || minute > 59
                || second > 59) {
            return Long.MIN_VALUE;
        }
        return (LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second) * 1_000L;
    }

    private int digits(int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + (der[i] - '0');
        }
        return value;
    }

    /** Not plain DER of the expected shape: thrown without a stack trace, caught in {@link #read}. */
    private static final class NotPlain extends Exception {
        private static final long serialVersionUID = 1L;
        static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super("not plain DER", null, false, false);
        }
    }

    /** A cursor over the bytes; each method reads one element at {@link #pos} and leaves pos after it. */
    private static final class Reader {
        private final byte[] der;
        private int pos;
        /** Tag, contents start and contents end of the element {@link #open} read last. */
        private int tag;

        private int start;
        private int end;
        /** Contents of the OID of the AlgorithmIdentifier {@link #algorithmIdentifier} read last. */
        private int algorithmOidStart;

        private int algorithmOidEnd;

        Reader(byte[] der) {
            this.der = der;
        }

        CertificateFields certificate() throws NotPlain {
            int[] at = new int[18];
            open(SEQUENCE, der.length);
            if (end != der.length) {
                throw NotPlain.INSTANCE; // something after the certificate
            }
            int certificateEnd = end;
            at[8] = pos;
            int tbsEnd = open(SEQUENCE, certificateEnd);
            at[9] = tbsEnd;
            version(tbsEnd);
            open(INTEGER, tbsEnd);
            integer(start, end);
            at[0] = start;
            at[1] = end;
            pos = end;
            at[10] = pos;
            algorithmIdentifier(tbsEnd);
            at[11] = pos;
            at[16] = algorithmOidStart;
            at[17] = algorithmOidEnd;
            at[2] = pos;
            name(tbsEnd);
            at[3] = pos;
            at[7] = pos + 2; // the first time (the validity is at most 34 octets long: a two-octet header)
            validity(tbsEnd);
            at[4] = pos;
            name(tbsEnd);
            at[5] = pos;
            subjectPublicKeyInfo(tbsEnd, at);
            at[6] = pos;
            List<Extension> extensions = List.of();
            if (pos < tbsEnd) {
                extensions = extensions(tbsEnd); // [3] only: unique identifiers ([1], [2]) are left to Bouncy Castle
            }
            if (pos != tbsEnd) {
                throw NotPlain.INSTANCE;
            }
            int outerAlgorithm = pos;
            algorithmIdentifier(certificateEnd);
            if (!Arrays.equals(der, at[10], at[11], der, outerAlgorithm, pos)) {
                throw NotPlain.INSTANCE; // two different algorithms named: the JDK's parser decides
            }
            open(BIT_STRING, certificateEnd);
            primitive(BIT_STRING, start, end);
            at[12] = start;
            at[13] = end;
            pos = end;
            if (pos != certificateEnd) {
                throw NotPlain.INSTANCE;
            }
            return new CertificateFields(der, at, extensions);
        }

        /** [0] EXPLICIT INTEGER 2: only v3 (a v1 or v2 certificate is rare enough for the slow path). */
        private void version(int limit) throws NotPlain {
            int versionEnd = open(0xA0, limit);
            open(INTEGER, versionEnd);
            if (end - start != 1 || der[start] != 2 || end != versionEnd) {
                throw NotPlain.INSTANCE;
            }
            pos = end;
        }

        /** AlgorithmIdentifier ::= SEQUENCE { OID, parameters ANY OPTIONAL }. */
        private void algorithmIdentifier(int limit) throws NotPlain {
            int sequenceEnd = open(SEQUENCE, limit);
            open(OID, sequenceEnd);
            primitive(OID, start, end);
            algorithmOidStart = start;
            algorithmOidEnd = end;
            pos = end;
            if (pos < sequenceEnd) {
                element(sequenceEnd, 0);
            }
            if (pos != sequenceEnd) {
                throw NotPlain.INSTANCE;
            }
        }

        /** Name ::= SEQUENCE OF SET SIZE (1..MAX) OF SEQUENCE { OID, ANY }. */
        private void name(int limit) throws NotPlain {
            int nameEnd = open(SEQUENCE, limit);
            while (pos < nameEnd) {
                int rdnEnd = open(SET, nameEnd);
                if (start == end) {
                    throw NotPlain.INSTANCE;
                }
                while (pos < rdnEnd) {
                    int avaEnd = open(SEQUENCE, rdnEnd);
                    open(OID, avaEnd);
                    primitive(OID, start, end);
                    pos = end;
                    element(avaEnd, 0);
                    if (pos != avaEnd) {
                        throw NotPlain.INSTANCE;
                    }
                }
            }
        }

        /** Validity ::= SEQUENCE { Time, Time }, each a UTCTime or GeneralizedTime in its strict DER form. */
        private void validity(int limit) throws NotPlain {
            int validityEnd = open(SEQUENCE, limit);
            for (int i = 0; i < 2; i++) {
                readHeader(validityEnd);
                if (tag != 0x17 && tag != 0x18) {
                    throw NotPlain.INSTANCE;
                }
                primitive(tag, start, end);
                pos = end;
            }
            if (pos != validityEnd) {
                throw NotPlain.INSTANCE;
            }
        }

        /** SubjectPublicKeyInfo ::= SEQUENCE { AlgorithmIdentifier, BIT STRING }; its algorithm OID into at[14..15]. */
        private void subjectPublicKeyInfo(int limit, int[] at) throws NotPlain {
            int spkiEnd = open(SEQUENCE, limit);
            algorithmIdentifier(spkiEnd);
            at[14] = algorithmOidStart;
            at[15] = algorithmOidEnd;
            open(BIT_STRING, spkiEnd);
            primitive(BIT_STRING, start, end);
            pos = end;
            if (pos != spkiEnd) {
                throw NotPlain.INSTANCE;
            }
        }

        /** [3] EXPLICIT SEQUENCE SIZE (1..MAX) OF Extension, no OID twice. */
        private List<Extension> extensions(int limit) throws NotPlain {
            int wrapperEnd = open(0xA3, limit);
            int listEnd = open(SEQUENCE, wrapperEnd);
            if (start == end || listEnd != wrapperEnd) {
                throw NotPlain.INSTANCE;
            }
            List<Extension> found = new ArrayList<>(10);
            while (pos < listEnd) {
                int extensionEnd = open(SEQUENCE, listEnd);
                open(OID, extensionEnd);
                primitive(OID, start, end);
                byte[] oid = Arrays.copyOfRange(der, start, end);
                pos = end;
                boolean critical = false;
                readHeader(extensionEnd);
                if (tag == BOOLEAN) {
                    primitive(BOOLEAN, start, end);
                    critical = der[start] != 0;
                    pos = end;
                    readHeader(extensionEnd);
                }
                if (tag != OCTET_STRING || end != extensionEnd) {
                    throw NotPlain.INSTANCE;
                }
                for (Extension e : found) {
                    if (Arrays.equals(e.oid(), oid)) {
                        throw NotPlain.INSTANCE;
                    }
                }
                found.add(new Extension(oid, critical, start, end));
                pos = end;
            }
            return found;
        }

        /** Any element Bouncy Castle would build (see {@link #primitive}), checked through to its leaves. */
        private void element(int limit, int depth) throws NotPlain {
            if (depth > MAX_DEPTH) {
                throw NotPlain.INSTANCE;
            }
            readHeader(limit);
            int elementEnd = end;
            if (tag == SEQUENCE || tag == SET || (tag >= 0xA0 && tag <= 0xBE)) {
                pos = start;
                while (pos < elementEnd) {
                    element(elementEnd, depth + 1);
                }
            } else if (tag >= 0x80 && tag <= 0x9E) {
                pos = elementEnd; // implicitly tagged primitive: raw octets to Bouncy Castle as well
            } else {
                primitive(tag, start, end);
                pos = elementEnd;
            }
        }

        /** Checks the contents of a universal primitive by Bouncy Castle's (and DER's) rules; other tags fail. */
        private void primitive(int type, int from, int to) throws NotPlain {
            int length = to - from;
            switch (type) {
                case BOOLEAN -> {
                    if (length != 1 || (der[from] != 0 && der[from] != (byte) 0xFF)) {
                        throw NotPlain.INSTANCE;
                    }
                }
                case INTEGER, 0x0A -> integer(from, to); // INTEGER, ENUMERATED
                case BIT_STRING -> {
                    int unused = length == 0 ? -1 : der[from];
                    if (unused < 0 || unused > 7 || (unused > 0 && length < 2)) {
                        throw NotPlain.INSTANCE;
                    }
                }
                case OCTET_STRING, 0x13, 0x16 -> {
                    // OCTET STRING, PrintableString, IA5String: octets kept as they are
                }
                case 0x05 -> { // NULL
                    if (length != 0) {
                        throw NotPlain.INSTANCE;
                    }
                }
                case OID -> oid(from, to);
                case 0x0C -> utf8(from, to); // UTF8String
                case 0x17 -> time(from, to, 12); // UTCTime YYMMDDHHMMSSZ
                case 0x18 -> time(from, to, 14); // GeneralizedTime YYYYMMDDHHMMSSZ
                default -> throw NotPlain.INSTANCE;
            }
        }

        /** Minimal two's complement, at least one octet (Bouncy Castle refuses anything else as "malformed integer"). */
        private void integer(int from, int to) throws NotPlain {
            if (to == from || (to - from > 1 && der[from] == (byte) (der[from + 1] >> 7))) {
                throw NotPlain.INSTANCE;
            }
        }

        /** At least one octet, no sub-identifier starting with 0x80, the last octet ends a sub-identifier. */
        private void oid(int from, int to) throws NotPlain {
            if (to == from || (der[to - 1] & 0x80) != 0) {
                throw NotPlain.INSTANCE;
            }
            boolean subIdentifierStart = true;
            for (int i = from; i < to; i++) {
                if (subIdentifierStart && der[i] == (byte) 0x80) {
                    throw NotPlain.INSTANCE;
                }
                subIdentifierStart = (der[i] & 0x80) == 0;
            }
        }

        private void time(int from, int to, int digits) throws NotPlain {
            if (to - from != digits + 1 || der[to - 1] != 'Z') {
                throw NotPlain.INSTANCE;
            }
            for (int i = from; i < to - 1; i++) {
                if (der[i] < '0' || der[i] > '9') {
                    throw NotPlain.INSTANCE;
                }
            }
        }

        private void utf8(int from, int to) throws NotPlain {
            for (int i = from; i < to; i++) {
                if (der[i] < 0) { // not plain ASCII: decode strictly
                    try {
                        StandardCharsets.UTF_8
                                .newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)
                                .decode(ByteBuffer.wrap(der, from, to - from));
                    } catch (CharacterCodingException e) {
                        throw NotPlain.INSTANCE;
                    }
                    return;
                }
            }
        }

        /** Reads the header at {@link #pos} expecting {@code expected}; moves pos to the contents; returns their end. */
        private int open(int expected, int limit) throws NotPlain {
            readHeader(limit);
            if (tag != expected) {
                throw NotPlain.INSTANCE;
            }
            pos = start;
            return end;
        }

        /** Tag (low tag number only) and minimal definite length of the element at pos, within {@code limit}. */
        private void readHeader(int limit) throws NotPlain {
            int p = pos;
            if (p + 2 > limit) {
                throw NotPlain.INSTANCE;
            }
            int t = der[p++] & 0xFF;
            if ((t & 0x1F) == 0x1F) {
                throw NotPlain.INSTANCE;
            }
            int first = der[p++] & 0xFF;
            int length;
            if (first < 0x80) {
                length = first;
            } else {
                int octets = first & 0x7F;
                if (octets == 0 || octets > 3 || p + octets > limit || der[p] == 0) {
                    throw NotPlain.INSTANCE; // indefinite, too long, or not minimal
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = (length << 8) | (der[p++] & 0xFF);
                }
                if (length < 0x80) {
                    throw NotPlain.INSTANCE; // the short form was required
                }
            }
            if (length > limit - p) {
                throw NotPlain.INSTANCE;
            }
            tag = t;
            start = p;
            end = p + length;
        }
    }
}
