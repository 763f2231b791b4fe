package dev.runplane.reconciler;

import dev.runplane.replicas.ReplicaSlots;
import dev.runplane.replicas.ReplicaSlots.Slot;
import dev.runplane.replicas.ReplicaSlots.Slots;
import dev.runplane.replicas.ReplicaStatus;
import dev.runplane.replicas.TerminationReason;
import dev.runplane.runs.RunStatus;
import dev.runplane.runs.RunType;
import java.time.Instant;
import java.util.List;

/**
 * The one pure function that derives a run's status (DESIGN.md, "Statuses") — from the run's slots, the same
 * current replicas every view shows ({@link ReplicaSlots}).
 */
final class RunStatusRule {
    private RunStatusRule() {
    }

    static RunStatus derive(RunState run, List<Attempt> attempts, Instant now) {
        return derive(run.type(), run.slotRules(), ReplicaSlots.of(run.slotRules(), attempts, now));
    }

    static RunStatus derive(RunType type, ReplicaSlots.Rules rules, Slots<?> slots) {
        if (rules.stopRequested()) {
            return slots.anyLive() ? RunStatus.TERMINATING : RunStatus.TERMINATED;
        }
        if (rules.desiredReplicas() == 0) {
            return RunStatus.PENDING;
        }
        if (slots.current().isEmpty()) {
            // every slot ended and none will start again
            long done = slots.finished().values().stream().filter(s -> s.status() == ReplicaStatus.DONE).count();
            long exhausted = slots.finished().values().stream().filter(RunStatusRule::isExhausted).count();
            int all = rules.desiredReplicas();
            if (type == RunType.TASK && done == all) {
                return RunStatus.DONE;
            }
            if (type == RunType.TASK && exhausted > 0 && done + exhausted == all) {
                return RunStatus.FAILED;
            }
            // a service whose replicas all ended for good: failed if any failed, else done
            if (type == RunType.SERVICE && done + exhausted == all) {
                return exhausted > 0 ? RunStatus.FAILED : RunStatus.DONE;
            }
        }
        // a replica on its way out (scaled down, restarted, over its max duration) is still running until it ends
        if (slots.current().stream().anyMatch(Slot::running) || slots.current().stream()
                .anyMatch(s -> s.submission() != null && s.submission().status() == ReplicaStatus.TERMINATING)) {
            return RunStatus.RUNNING;
        }
        if (slots.current().stream().anyMatch(s -> s.state() == ReplicaSlots.State.LIVE
                && s.submission().status() == ReplicaStatus.PROVISIONING)) {
            return RunStatus.PROVISIONING;
        }
        return RunStatus.SUBMITTED;
    }

    /** A slot's last submission that ended badly (the slot function already decided it will not start again). */
    private static boolean isExhausted(ReplicaSlots.Submission last) {
        return last.status() == ReplicaStatus.FAILED
                || last.terminationReason() == TerminationReason.MAX_DURATION_EXCEEDED && last.status().isFinished();
    }

    /** A current attempt that ended badly and will not be started again. */
    static boolean isExhausted(RunState run, List<Attempt> attempts, Attempt attempt) {
        if (attempt.status() == ReplicaStatus.FAILED) {
            return !mayRetry(run, attempt, failures(attempts, attempt.replicaNum()));
        }
        return isExhausted(attempt);
    }

    static boolean mayRetry(RunState run, Attempt failed, int failures) {
        return run.slotRules().retry().retries(failed, failures);
    }

    static int failures(List<Attempt> attempts, int replicaNum) {
        return ReplicaSlots.failures(attempts, replicaNum);
    }
}
