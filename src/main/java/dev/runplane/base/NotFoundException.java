package dev.runplane.base;

/**
 * Something addressed by name does not exist, or exists but the caller may not see it: both answer the same, so
 * that nobody learns about another team's runs by probing names.
 */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
