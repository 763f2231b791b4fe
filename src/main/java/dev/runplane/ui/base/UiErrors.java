package dev.runplane.ui.base;

import dev.runplane.base.InsufficientStorageException;
import dev.runplane.base.NotFoundException;
import dev.runplane.runs.RunAlreadyExistsException;
import dev.runplane.runs.RunStateConflictException;
import dev.runplane.runs.TooManyRequestsException;
import dev.runplane.runs.spec.RunSpecException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;

/** The UI's one translation of service exceptions into messages for people (STYLE.md, "Errors"). */
public final class UiErrors {
    public static final String CHANGED_BY_SOMEONE_ELSE = "Changed by someone else — reloaded";

    private UiErrors() {
    }

    public static String message(RuntimeException e) {
        return switch (e) {
            case OptimisticLockingFailureException x -> CHANGED_BY_SOMEONE_ELSE;
            case AccessDeniedException x -> "Not allowed: " + x.getMessage();
            case NotFoundException x -> "Not found: " + x.getMessage();
            case RunSpecException x -> x.getMessage();
            case RunAlreadyExistsException x -> x.getMessage();
            case RunStateConflictException x -> x.getMessage();
            case TooManyRequestsException x -> x.getMessage();
            case InsufficientStorageException x -> x.getMessage();
            case IllegalArgumentException x -> x.getMessage();
            default -> "Something went wrong on the server; the error was logged.";
        };
    }

    public static boolean isConflict(RuntimeException e) {
        return e instanceof OptimisticLockingFailureException;
    }
}
