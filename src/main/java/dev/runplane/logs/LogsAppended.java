package dev.runplane.logs;

/** New lines of a run were stored (after commit). Carries no lines: listeners read from their cursor. */
public record LogsAppended(String project, String run, long runId) {
}
