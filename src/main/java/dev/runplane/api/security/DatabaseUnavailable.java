package dev.runplane.api.security;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/** The one answer of the API while the database is away: 503 with a retry hint, whoever finds out first. */
public final class DatabaseUnavailable {
    public static final int RETRY_AFTER_SECONDS = 5;
    public static final String DETAIL = "the database is unavailable; retry shortly";

    private DatabaseUnavailable() {
    }

    /** True for the exceptions that mean "no database right now" rather than a bug. */
    public static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
        }
        return false;
    }
}
