package dev.runplane.runs;

/** A rate limit or quota was hit; the caller may try again after {@code retryAfterSeconds}. */
public class TooManyRequestsException extends RuntimeException {
    private final int retryAfterSeconds;

    public TooManyRequestsException(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
