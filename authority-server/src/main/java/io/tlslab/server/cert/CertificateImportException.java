package io.tlslab.server.cert;

/** A keystore that cannot be installed; the message says precisely why, in one line. */
public class CertificateImportException extends Exception {
    public CertificateImportException(String message) {
        super(message);
    }

    public CertificateImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
