package dev.runplane.base;

import java.util.Objects;

/** Who performs an operation, and through which door. */
public record Actor(String username, Source source) {
    public static final Actor SYSTEM = new Actor("system", Source.RECONCILER);

    public Actor {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(source, "source");
    }
}
