package dev.runplane.execution;

/** A replica could not be started; the message says why in words a user understands. */
public class LaunchFailedException extends RuntimeException {
    public LaunchFailedException(String message) {
        super(message);
    }

    public LaunchFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
