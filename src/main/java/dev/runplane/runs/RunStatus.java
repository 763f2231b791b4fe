package dev.runplane.runs;

/** A run's status, derived from its current replicas by one pure function (DESIGN.md, "Statuses"). */
public enum RunStatus {
    PENDING,
    SUBMITTED,
    PROVISIONING,
    RUNNING,
    TERMINATING,
    TERMINATED,
    DONE,
    FAILED;

    public boolean isFinished() {
        return this == TERMINATED || this == DONE || this == FAILED;
    }
}
