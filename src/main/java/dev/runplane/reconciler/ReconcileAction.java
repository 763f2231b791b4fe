package dev.runplane.reconciler;

import dev.runplane.execution.StopSignal;
import dev.runplane.replicas.ReplicaStatus;
import dev.runplane.replicas.TerminationReason;
import dev.runplane.runs.RunStatus;

/** One step of a plan. Each is idempotent when applied again after a crash. */
sealed interface ReconcileAction {

    /** Create submission {@code submissionNum} of {@code replicaNum} and launch it. */
    record Launch(int replicaNum, int submissionNum) implements ReconcileAction {
    }

    /** Launch a submission whose row exists but which never got a handle (a crash between insert and launch). */
    record LaunchExisting(long submissionId) implements ReconcileAction {
    }

    record MarkRunning(long submissionId) implements ReconcileAction {
    }

    /** The submission ended; record its final status. */
    record Finish(long submissionId, ReplicaStatus status, TerminationReason reason, Integer exitCode)
            implements ReconcileAction {
    }

    /** Ask the replica to end: TERM for a graceful stop (then KILL after the grace period), KILL for an abort. */
    record Terminate(long submissionId, TerminationReason reason, StopSignal signal) implements ReconcileAction {
    }

    /** The grace period is over and the replica is still there. */
    record Kill(long submissionId) implements ReconcileAction {
    }

    record SetRunStatus(RunStatus status) implements ReconcileAction {
    }
}
