package dev.runplane.reconciler;

import dev.runplane.replicas.ReplicaStatus;
import dev.runplane.replicas.TerminationReason;
import dev.runplane.runs.RunStatus;
import dev.runplane.runs.RunType;
import dev.runplane.runs.StopRequest;
import dev.runplane.runs.spec.RunSpec.RetryOn;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The one pure function that derives a run's status from its replicas (DESIGN.md, "Statuses"). */
final class RunStatusRule {
    private RunStatusRule() {
    }

    static RunStatus derive(RunState run, List<Attempt> attempts, Instant now) {
        boolean anyActive = attempts.stream().anyMatch(Attempt::isActive);
        if (run.stopRequest() != StopRequest.NONE) {
            return anyActive ? RunStatus.TERMINATING : RunStatus.TERMINATED;
        }
        if (run.desiredReplicas() == 0) {
            return RunStatus.PENDING;
        }
        Map<Integer, Attempt> current = new TreeMap<>();
        for (Attempt attempt : attempts) {
            if (attempt.replicaNum() < run.desiredReplicas()) {
                current.merge(attempt.replicaNum(), attempt,
                        (a, b) -> a.submissionNum() >= b.submissionNum() ? a : b);
            }
        }
        boolean complete = current.size() == run.desiredReplicas();
        long done = current.values().stream().filter(a -> a.status() == ReplicaStatus.DONE).count();
        long exhausted = current.values().stream().filter(a -> isExhausted(run, attempts, a)).count();
        if (!anyActive && complete) {
            if (run.type() == RunType.TASK && done == current.size()) {
                return RunStatus.DONE;
            }
            if (run.type() == RunType.TASK && exhausted > 0 && done + exhausted == current.size()) {
                return RunStatus.FAILED;
            }
            // a service whose replicas all ended for good: failed if any failed, else done
            if (run.type() == RunType.SERVICE && done + exhausted == current.size()) {
                return exhausted > 0 ? RunStatus.FAILED : RunStatus.DONE;
            }
        }
        // a replica on its way out (scaled down, restarted, over its max duration) is still running until it ends
        if (current.values().stream().anyMatch(a -> a.status() == ReplicaStatus.RUNNING)
                || attempts.stream().anyMatch(a -> a.status() == ReplicaStatus.TERMINATING)) {
            return RunStatus.RUNNING;
        }
        if (current.values().stream().anyMatch(a -> a.status() == ReplicaStatus.PROVISIONING)) {
            return RunStatus.PROVISIONING;
        }
        return RunStatus.SUBMITTED;
    }

    /** A current attempt that ended badly and will not be started again. */
    static boolean isExhausted(RunState run, List<Attempt> attempts, Attempt attempt) {
        if (attempt.status() == ReplicaStatus.FAILED) {
            return !mayRetry(run, attempt, failures(attempts, attempt.replicaNum()));
        }
        return attempt.reason() == TerminationReason.MAX_DURATION_EXCEEDED && attempt.status().isFinished();
    }

    static boolean mayRetry(RunState run, Attempt failed, int failures) {
        RetryOn cause = failed.reason() == TerminationReason.LOST
                || failed.reason() == TerminationReason.CANCELLED_OUTSIDE ? RetryOn.LOST : RetryOn.ERROR;
        return run.retry().covers(cause) && failures <= run.retry().limit();
    }

    static int failures(List<Attempt> attempts, int replicaNum) {
        return (int) attempts.stream()
                .filter(a -> a.replicaNum() == replicaNum && a.status() == ReplicaStatus.FAILED)
                .count();
    }
}
