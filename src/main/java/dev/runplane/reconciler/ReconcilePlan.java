package dev.runplane.reconciler;

import static dev.runplane.replicas.ReplicaStatus.ABORTED;
import static dev.runplane.replicas.ReplicaStatus.DONE;
import static dev.runplane.replicas.ReplicaStatus.FAILED;
import static dev.runplane.replicas.ReplicaStatus.PROVISIONING;
import static dev.runplane.replicas.ReplicaStatus.RUNNING;
import static dev.runplane.replicas.ReplicaStatus.SUBMITTED;
import static dev.runplane.replicas.ReplicaStatus.TERMINATED;
import static dev.runplane.replicas.ReplicaStatus.TERMINATING;

import dev.runplane.execution.Observation;
import dev.runplane.execution.Observation.Ending;
import dev.runplane.execution.StopSignal;
import dev.runplane.reconciler.ReconcileAction.Finish;
import dev.runplane.reconciler.ReconcileAction.Kill;
import dev.runplane.reconciler.ReconcileAction.Launch;
import dev.runplane.reconciler.ReconcileAction.LaunchExisting;
import dev.runplane.reconciler.ReconcileAction.MarkRunning;
import dev.runplane.reconciler.ReconcileAction.SetRunStatus;
import dev.runplane.reconciler.ReconcileAction.Terminate;
import dev.runplane.replicas.ReplicaSlots;
import dev.runplane.replicas.ReplicaSlots.Slot;
import dev.runplane.replicas.ReplicaStatus;
import dev.runplane.replicas.TerminationReason;
import dev.runplane.runs.StopRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The planning function of the reconciler: {@code plan(run, attempts, observations, now) → actions}. Pure: no I/O,
 * no clock, no randomness, so every row of DESIGN.md's status rules is a unit test.
 *
 * <p>A pass works in three steps: fold what the backend observed into the attempts; then either stop everything
 * (stop requested) or converge on the desired count (scale down, max duration, restarts, launches, retries); then
 * derive the run status from the result.
 */
final class ReconcilePlan {
    static final Duration FIRST_RETRY_BACKOFF = ReplicaSlots.backoff(1);
    static final Duration MAX_RETRY_BACKOFF = ReplicaSlots.backoff(100);

    private final RunState run;
    private final Instant now;
    private final List<ReconcileAction> actions = new ArrayList<>();
    /** attempts as they will be once this plan is applied */
    private final List<Attempt> attempts = new ArrayList<>();

    private ReconcilePlan(RunState run, Instant now) {
        this.run = run;
        this.now = now;
    }

    static List<ReconcileAction> plan(RunState run, List<Attempt> attempts, Map<Long, Observation> observations,
                                      Instant now) {
        ReconcilePlan plan = new ReconcilePlan(run, now);
        plan.foldObservations(attempts, observations);
        plan.enforceGracePeriods();
        if (run.stopRequest() != StopRequest.NONE) {
            plan.stopEverything();
        } else {
            plan.converge();
        }
        plan.actions.add(new SetRunStatus(RunStatusRule.derive(run, plan.attempts, now)));
        return List.copyOf(plan.actions);
    }

    private void foldObservations(List<Attempt> given, Map<Long, Observation> observations) {
        for (Attempt attempt : given) {
            Observation seen = attempt.isActive() && attempt.launched() ? observations.get(attempt.id()) : null;
            attempts.add(seen == null ? attempt : apply(attempt, seen));
        }
    }

    private Attempt apply(Attempt attempt, Observation seen) {
        return switch (seen.state()) {
            case PENDING -> attempt;
            case RUNNING -> attempt.status() == SUBMITTED || attempt.status() == PROVISIONING
                    ? record(new MarkRunning(attempt.id()), attempt.withStatus(RUNNING, null, null, now))
                    : attempt;
            case EXITED -> finish(attempt, seen.exitCode(), seen.ending() == null ? Ending.EXITED : seen.ending());
            case VANISHED -> finish(attempt, null, Ending.LOST);
        };
    }

    /**
     * The replica is gone: a terminating one ends as asked; any other ended on its own, and how it ended decides
     * its reason (the retry cause follows from the reason, see {@link RunStatusRule#mayRetry}).
     */
    private Attempt finish(Attempt attempt, Integer exitCode, Ending ending) {
        ReplicaStatus status;
        TerminationReason reason;
        if (attempt.status() == TERMINATING) {
            reason = attempt.reason();
            status = reason == TerminationReason.ABORTED_BY_USER ? ABORTED : TERMINATED;
        } else {
            reason = switch (ending) {
                case EXITED -> exitCode != null && exitCode == 0 ? TerminationReason.DONE
                        : TerminationReason.EXITED_WITH_ERROR;
                case CANCELLED_OUTSIDE -> TerminationReason.CANCELLED_OUTSIDE;
                case TIME_LIMIT -> TerminationReason.MAX_DURATION_EXCEEDED;
                case OUT_OF_MEMORY -> TerminationReason.OUT_OF_MEMORY;
                case LOST -> TerminationReason.LOST;
                case UNSATISFIABLE -> TerminationReason.FAILED_TO_START;
            };
            status = switch (reason) {
                case DONE -> DONE;
                case MAX_DURATION_EXCEEDED -> TERMINATED;
                default -> FAILED;
            };
        }
        return record(new Finish(attempt.id(), status, reason, exitCode),
                attempt.withStatus(status, reason, exitCode, now));
    }

    private void enforceGracePeriods() {
        for (Attempt attempt : attempts) {
            if (attempt.status() == TERMINATING && attempt.launched() && attempt.terminateRequestedAt() != null
                    && !now.isBefore(attempt.terminateRequestedAt().plus(run.stopGracePeriod()))) {
                actions.add(new Kill(attempt.id()));
            }
        }
    }

    private void stopEverything() {
        boolean abort = run.stopRequest() == StopRequest.ABORT;
        TerminationReason reason = abort ? TerminationReason.ABORTED_BY_USER : TerminationReason.STOPPED_BY_USER;
        for (int i = 0; i < attempts.size(); i++) {
            Attempt attempt = attempts.get(i);
            if (attempt.status() == TERMINATING && abort && attempt.reason() != TerminationReason.ABORTED_BY_USER) {
                // an abort overtakes a graceful stop in progress: kill now (once, even if its grace ran out too)
                Kill kill = new Kill(attempt.id());
                if (!actions.contains(kill)) {
                    actions.add(kill);
                }
            } else if (attempt.isActive() && attempt.status() != TERMINATING) {
                attempts.set(i, terminate(attempt, reason, abort ? StopSignal.KILL : StopSignal.TERM));
            }
        }
    }

    private void converge() {
        Map<Integer, Attempt> latest = latestByReplica();
        for (Attempt attempt : latest.values()) {
            if (!attempt.isActive() || attempt.status() == TERMINATING) {
                continue;
            }
            TerminationReason reason = reasonToEnd(attempt);
            if (reason != null) {
                replace(attempt, terminate(attempt, reason, StopSignal.TERM));
            }
        }
        // what to start comes from the slots every view shows: a pending slot that is due gets a new submission
        latest = latestByReplica();
        for (Slot<Attempt> slot : ReplicaSlots.of(run.slotRules(), List.copyOf(attempts), now).current()) {
            if (ReplicaSlots.dueAt(slot, now)) {
                Attempt last = latest.get(slot.replicaNum());
                launch(slot.replicaNum(), last == null ? 0 : last.submissionNum() + 1);
            } else if (slot.state() == ReplicaSlots.State.LIVE && slot.submission().status() == SUBMITTED
                    && !slot.submission().launched()) {
                actions.add(new LaunchExisting(slot.submission().id()));
            }
        }
    }

    /** Why an active, current attempt must end now, or null when it may keep running. */
    private TerminationReason reasonToEnd(Attempt attempt) {
        if (attempt.replicaNum() >= run.desiredReplicas()) {
            return TerminationReason.SCALED_DOWN;
        }
        Instant restartAsked = run.restartRequests().get(attempt.replicaNum());
        if (restartAsked != null && attempt.submittedAt().isBefore(restartAsked)) {
            return TerminationReason.RESTARTED_BY_USER;
        }
        if (run.maxDuration() != null && attempt.status() == RUNNING && attempt.startedAt() != null
                && !now.isBefore(attempt.startedAt().plus(run.maxDuration()))) {
            return TerminationReason.MAX_DURATION_EXCEEDED;
        }
        return null;
    }

    /** 10 s after the first failure, doubling, at most 5 min. */
    static Duration backoff(int failures) {
        return ReplicaSlots.backoff(failures);
    }

    private Attempt terminate(Attempt attempt, TerminationReason reason, StopSignal signal) {
        if (!attempt.launched()) {
            // never started: nothing to signal, it simply ends here
            ReplicaStatus status = reason == TerminationReason.ABORTED_BY_USER ? ABORTED : TERMINATED;
            return record(new Finish(attempt.id(), status, reason, null),
                    attempt.withStatus(status, reason, null, now));
        }
        return record(new Terminate(attempt.id(), reason, signal), attempt.withStatus(TERMINATING, reason, null, now));
    }

    private void launch(int replica, int submission) {
        actions.add(new Launch(replica, submission));
        attempts.add(new Attempt(-1 - attempts.size(), replica, submission, SUBMITTED, null, null, false, now, null,
                null, null));
    }

    private void replace(Attempt old, Attempt updated) {
        attempts.set(attempts.indexOf(old), updated);
    }

    private Attempt record(ReconcileAction action, Attempt result) {
        actions.add(action);
        return result;
    }

    private Map<Integer, Attempt> latestByReplica() {
        Map<Integer, Attempt> latest = new TreeMap<>();
        for (Attempt attempt : attempts) {
            latest.merge(attempt.replicaNum(), attempt,
                    (a, b) -> a.submissionNum() >= b.submissionNum() ? a : b);
        }
        return latest;
    }
}
