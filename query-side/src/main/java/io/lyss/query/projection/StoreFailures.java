package io.lyss.query.projection;

import java.io.UncheckedIOException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Tells a failing store (retry the batch later) from a failing event (park it and go on). */
final class StoreFailures {

    private StoreFailures() {}

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TransientDataAccessException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof UncheckedIOException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }
}
