package dev.runplane.runs;

/** The operation does not fit the run's current state (scaling a finished run, deleting an active one...). */
public class RunStateConflictException extends RuntimeException {
    public RunStateConflictException(String message) {
        super(message);
    }
}
