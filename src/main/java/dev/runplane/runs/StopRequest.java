package dev.runplane.runs;

/** What a user asked for: nothing, a graceful stop, or an immediate abort. */
public enum StopRequest {
    NONE,
    STOP,
    ABORT
}
