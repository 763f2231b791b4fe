package dev.runplane.api;

/** A request body over the API's size limit. */
public class PayloadTooLargeException extends RuntimeException {
    public PayloadTooLargeException(String message) {
        super(message);
    }
}
