package dev.runplane.reconciler;

import dev.runplane.replicas.ReplicaSlots;
import dev.runplane.replicas.ReplicaStatus;
import dev.runplane.replicas.TerminationReason;
import java.time.Instant;

/** One replica submission as the planner sees it. {@code launched} is true once the backend gave a handle. */
record Attempt(long id, int replicaNum, int submissionNum, ReplicaStatus status, TerminationReason reason,
               Integer exitCode, boolean launched, Instant submittedAt, Instant startedAt,
               Instant terminateRequestedAt, Instant finishedAt) implements ReplicaSlots.Submission {

    @Override
    public TerminationReason terminationReason() {
        return reason;
    }

    boolean isActive() {
        return status.isActive();
    }

    Attempt withStatus(ReplicaStatus next, TerminationReason nextReason, Integer nextExitCode, Instant now) {
        Instant started = next == ReplicaStatus.RUNNING && startedAt == null ? now : startedAt;
        Instant terminateAt = next == ReplicaStatus.TERMINATING ? now : terminateRequestedAt;
        Instant finished = next.isFinished() ? now : finishedAt;
        return new Attempt(id, replicaNum, submissionNum, next, nextReason, nextExitCode, launched, submittedAt,
                started, terminateAt, finished);
    }
}
