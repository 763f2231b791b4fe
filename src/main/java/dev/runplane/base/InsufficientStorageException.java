package dev.runplane.base;

/** The server lacks disk space for what was asked; nothing was changed. */
public class InsufficientStorageException extends RuntimeException {
    public InsufficientStorageException(String message) {
        super(message);
    }
}
