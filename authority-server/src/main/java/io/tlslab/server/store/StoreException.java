package io.tlslab.server.store;

import java.sql.SQLException;

/** The database failed or refused: the message says which database and why, in one line. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    static StoreException from(String url, SQLException e) {
        String why = e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().lines().findFirst().orElse("");
        if (why.contains("already in use") || why.contains("Database may be already in use")) {
            return new StoreException("database " + url + " is locked by another running server", e);
        }
        return new StoreException("database " + url + ": " + why, e);
    }
}
