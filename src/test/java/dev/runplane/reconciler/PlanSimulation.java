package dev.runplane.reconciler;

import dev.runplane.execution.Observation;
import dev.runplane.execution.StopSignal;
import dev.runplane.reconciler.PlanFixtures.Planned;
import dev.runplane.reconciler.ReconcileAction.Finish;
import dev.runplane.reconciler.ReconcileAction.Kill;
import dev.runplane.reconciler.ReconcileAction.Launch;
import dev.runplane.reconciler.ReconcileAction.LaunchExisting;
import dev.runplane.reconciler.ReconcileAction.MarkRunning;
import dev.runplane.reconciler.ReconcileAction.SetRunStatus;
import dev.runplane.reconciler.ReconcileAction.Terminate;
import dev.runplane.replicas.ReplicaStatus;
import dev.runplane.replicas.TerminationReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies plans the way the reconciler does, against a fake backend, so a scenario can be walked pass by pass.
 * Every move goes through {@link ReplicaStatus#checkMoveTo}, so a plan that asks for an illegal move fails the test.
 */
final class PlanSimulation {
    private final List<Attempt> attempts = new ArrayList<>();
    private final Map<Long, Observation> backend = new HashMap<>();
    private long nextId = 1;
    private Instant now = PlanFixtures.NOW;

    Planned pass(RunState run) {
        Planned planned = PlanFixtures.plan(run, List.copyOf(attempts), Map.copyOf(backend), now);
        planned.all().forEach(this::apply);
        return planned;
    }

    Instant now() {
        return now;
    }

    /** What the backend would report for a submission now (null when it knows nothing of it). */
    Observation seen(long submissionId) {
        return backend.get(submissionId);
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** Every replica the backend still holds as pending starts running. */
    void startPending() {
        backend.replaceAll((id, seen) -> seen.state() == Observation.State.PENDING ? Observation.running() : seen);
    }

    void exit(long submissionId, int exitCode) {
        backend.put(submissionId, Observation.exited(exitCode));
    }

    void vanish(long submissionId) {
        backend.put(submissionId, Observation.vanished());
    }

    Attempt latest(int replica) {
        return attempts.stream().filter(a -> a.replicaNum() == replica)
                .max(Comparator.comparingInt(Attempt::submissionNum)).orElseThrow();
    }

    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    private void apply(ReconcileAction action) {
        switch (action) {
            case Launch launch -> {
                long id = nextId++;
                attempts.add(new Attempt(id, launch.replicaNum(), launch.submissionNum(), ReplicaStatus.SUBMITTED,
                        null, null, false, now, null, null, null));
                launched(id);
            }
            case LaunchExisting existing -> launched(existing.submissionId());
            case MarkRunning running -> move(running.submissionId(), ReplicaStatus.RUNNING, null, null);
            case Finish finish -> {
                Attempt before = byId(finish.submissionId());
                move(finish.submissionId(), finish.status(), finish.reason(), finish.exitCode());
                backend.remove(before.id());
            }
            case Terminate terminate -> {
                move(terminate.submissionId(), ReplicaStatus.TERMINATING, terminate.reason(), null);
                if (terminate.signal() == StopSignal.KILL) {
                    backend.put(terminate.submissionId(), Observation.exited(137));
                }
            }
            case Kill kill -> backend.put(kill.submissionId(), Observation.exited(137));
            case SetRunStatus ignored -> {
            }
        }
    }

    private void launched(long id) {
        Attempt attempt = byId(id);
        attempt.status().checkMoveTo(ReplicaStatus.PROVISIONING);
        replace(new Attempt(id, attempt.replicaNum(), attempt.submissionNum(), ReplicaStatus.PROVISIONING, null, null,
                true, attempt.submittedAt(), null, null, null));
        backend.put(id, Observation.pending());
    }

    private void move(long id, ReplicaStatus next, TerminationReason reason, Integer exitCode) {
        Attempt attempt = byId(id);
        attempt.status().checkMoveTo(next);
        replace(attempt.withStatus(next, reason == null ? attempt.reason() : reason, exitCode, now));
    }

    private Attempt byId(long id) {
        return attempts.stream().filter(a -> a.id() == id).findFirst()
                .orElseThrow(() -> new AssertionError("the plan names an unknown submission " + id));
    }

    private void replace(Attempt updated) {
        attempts.replaceAll(a -> a.id() == updated.id() ? updated : a);
    }
}
