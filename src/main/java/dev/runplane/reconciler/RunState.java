package dev.runplane.reconciler;

import dev.runplane.replicas.ReplicaSlots;
import dev.runplane.runs.RetryPolicies;
import dev.runplane.runs.RunType;
import dev.runplane.runs.StopRequest;
import dev.runplane.runs.spec.RunSpec.Retry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What the planner needs to know about a run's desired state.
 *
 * @param restartRequests per replica number, the latest time a user asked to restart it
 * @param maxDuration     null when unlimited
 */
record RunState(long runId, RunType type, int desiredReplicas, StopRequest stopRequest, Retry retry,
                Duration maxDuration, Duration stopGracePeriod, Map<Integer, Instant> restartRequests) {

    /** What the slot function needs of this run. */
    ReplicaSlots.Rules slotRules() {
        return new ReplicaSlots.Rules(desiredReplicas, stopRequest != StopRequest.NONE, RetryPolicies.of(retry),
                restartRequests);
    }
}
