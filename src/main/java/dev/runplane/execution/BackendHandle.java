package dev.runplane.execution;

import java.util.Objects;

/**
 * An opaque, persistable reference to one launched replica submission (for the local backend: process id, process
 * start time and directory). Only the backend that created it can interpret it.
 */
public record BackendHandle(String value) {
    public BackendHandle {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a backend handle cannot be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
