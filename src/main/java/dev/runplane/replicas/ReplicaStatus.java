package dev.runplane.replicas;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Status of one replica submission, with the one table of legal transitions. */
public enum ReplicaStatus {
    SUBMITTED,
    PROVISIONING,
    RUNNING,
    TERMINATING,
    TERMINATED,
    ABORTED,
    DONE,
    FAILED;

    private static final Map<ReplicaStatus, Set<ReplicaStatus>> LEGAL = Map.of(
            // a replica that was never launched can be cancelled (TERMINATED/ABORTED) or fail to start
            SUBMITTED, EnumSet.of(PROVISIONING, RUNNING, FAILED, TERMINATED, ABORTED, TERMINATING),
            // a fast replica may exit before it was ever observed running
            PROVISIONING, EnumSet.of(RUNNING, TERMINATING, DONE, FAILED, TERMINATED, ABORTED),
            RUNNING, EnumSet.of(TERMINATING, DONE, FAILED, TERMINATED, ABORTED),
            TERMINATING, EnumSet.of(TERMINATED, ABORTED),
            TERMINATED, EnumSet.noneOf(ReplicaStatus.class),
            ABORTED, EnumSet.noneOf(ReplicaStatus.class),
            DONE, EnumSet.noneOf(ReplicaStatus.class),
            FAILED, EnumSet.noneOf(ReplicaStatus.class));

    public boolean isActive() {
        return this == SUBMITTED || this == PROVISIONING || this == RUNNING || this == TERMINATING;
    }

    public boolean isFinished() {
        return !isActive();
    }

    public boolean canMoveTo(ReplicaStatus next) {
        return LEGAL.get(this).contains(next);
    }

    /** @throws IllegalStateException naming the current status when the move is not legal */
    public void checkMoveTo(ReplicaStatus next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("a replica in status " + this + " cannot move to " + next);
        }
    }
}
