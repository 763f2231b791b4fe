package dev.runplane.execution;

/** How to stop a replica: {@code TERM} asks it to finish (graceful stop), {@code KILL} ends it at once. */
public enum StopSignal {
    TERM,
    KILL
}
