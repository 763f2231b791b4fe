package dev.runplane.replicas;

/** Why a replica submission ended (DESIGN.md, "Statuses"). */
public enum TerminationReason {
    SCALED_DOWN,
    STOPPED_BY_USER,
    ABORTED_BY_USER,
    RESTARTED_BY_USER,
    EXITED_WITH_ERROR,
    DONE,
    MAX_DURATION_EXCEEDED,
    FAILED_TO_START,
    LOST,
    LOG_QUOTA_EXCEEDED,
    /** Cancelled by someone other than Runplane (e.g. an administrator's {@code scancel}); retried as lost. */
    CANCELLED_OUTSIDE,
    /** The backend ended it for using more memory than it asked for (Slurm's OUT_OF_MEMORY); retried as error. */
    OUT_OF_MEMORY
}
