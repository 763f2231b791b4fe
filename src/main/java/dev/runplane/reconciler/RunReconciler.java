package dev.runplane.reconciler;

import dev.runplane.execution.BackendHandle;
import dev.runplane.execution.BackendRegistry;
import dev.runplane.execution.ExecutionBackend;
import dev.runplane.execution.Observation;
import dev.runplane.replicas.ReplicaStatus;
import dev.runplane.execution.StopSignal;
import dev.runplane.reconciler.ReconcileAction.Finish;
import dev.runplane.reconciler.ReconcileAction.Kill;
import dev.runplane.reconciler.ReconcileAction.Launch;
import dev.runplane.reconciler.ReconcileAction.LaunchExisting;
import dev.runplane.reconciler.ReconcileAction.MarkRunning;
import dev.runplane.reconciler.ReconcileAction.SetRunStatus;
import dev.runplane.reconciler.ReconcileAction.Terminate;
import dev.runplane.reconciler.ReconcileStore.RunRecord;
import dev.runplane.reconciler.ReconcileStore.SubmissionRecord;
import dev.runplane.replicas.ReplicaSlots;
import dev.runplane.replicas.SubmissionLeaving;
import dev.runplane.runs.RunChanged;
import dev.runplane.runs.spec.RunSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * One reconciler pass: claim runs, read their desired and observed state, ask the backends what they see, plan,
 * apply. Any failure is contained to the run it happened in.
 * <p>
 * End times: a replica that ended is finished at the time its backend recorded (the local wrapper writes it next to
 * the exit code), not the time this pass noticed, so a crash, a restart or a database outage never stretches a
 * replica's {@code finishedAt} or its bill. One that vanished without a record ends at the last time it was seen
 * alive: kept in memory per replica (no database write per replica per pass), and per run in
 * {@code replicas_seen_at}, which the next claim writes along with the lease it writes anyway (so after a crash it is
 * at most one pass older than the last observation).
 */
@Component
class RunReconciler {
    private static final Logger log = LoggerFactory.getLogger(RunReconciler.class);

    private final LeaseClaimer leases;
    private final ReconcileStore store;
    private final SpecCache specs;
    private final BackendRegistry backends;
    private final ReplicaLauncherStep launcher;
    private final ApplicationEventPublisher events;
    private static final Duration FORGET_SEEN_AFTER = Duration.ofMinutes(10);

    private final Clock clock;
    /** submission id → the last time a pass saw it running (or pending); only this node's observations. */
    private final Map<Long, Instant> lastSeenAlive = new HashMap<>();
    /** What the previous pass saw, for the next claim to persist. */
    private LeaseClaimer.SeenAlive seenByLastPass = LeaseClaimer.SeenAlive.NONE;

    RunReconciler(LeaseClaimer leases, ReconcileStore store, SpecCache specs, BackendRegistry backends,
                  ReplicaLauncherStep launcher, ApplicationEventPublisher events, Clock clock) {
        this.leases = leases;
        this.store = store;
        this.specs = specs;
        this.backends = backends;
        this.launcher = launcher;
        this.events = events;
        this.clock = clock;
    }

    /** @return true when the pass changed something (the loop then runs again at once) */
    boolean pass() {
        LeaseClaimer.Claim claim = leases.claim(seenByLastPass);
        seenByLastPass = LeaseClaimer.SeenAlive.NONE;
        if (claim.runIds().isEmpty()) {
            return false;
        }
        List<RunRecord> runs = store.runs(claim.runIds());
        Map<Long, List<SubmissionRecord>> submissions = store.submissions(claim.runIds());
        Map<Long, Map<Integer, Instant>> restarts = store.restartRequests(claim.runIds());
        Instant observedAt = clock.instant();
        Map<Long, Observation> observations = observe(submissions, observedAt);
        boolean changed = false;
        List<Long> allSeen = new ArrayList<>();
        for (RunRecord run : runs) {
            List<SubmissionRecord> ofRun = submissions.getOrDefault(run.id(), List.of());
            try {
                changed |= reconcile(run, ofRun, restarts.getOrDefault(run.id(), Map.of()), observations,
                        claim.token());
                if (allObserved(ofRun, observations)) {
                    allSeen.add(run.id());
                }
            } catch (RuntimeException e) {
                log.warn("Reconciling run {}/{} failed; retrying on the next pass", run.project(), run.name(), e);
            }
        }
        seenByLastPass = new LeaseClaimer.SeenAlive(observedAt, allSeen);
        // entries of replicas that ended elsewhere (another node, a take-over) are not kept forever
        lastSeenAlive.values().removeIf(t -> t.isBefore(observedAt.minus(FORGET_SEEN_AFTER)));
        return changed;
    }

    /** Every active, launched replica of the run was observed (so each one still active was seen alive). */
    private static boolean allObserved(List<SubmissionRecord> submissions, Map<Long, Observation> observations) {
        return submissions.stream().filter(s -> s.attempt().isActive() && s.handle() != null)
                .allMatch(s -> observations.containsKey(s.attempt().id()));
    }

    private boolean reconcile(RunRecord run, List<SubmissionRecord> submissions, Map<Integer, Instant> restarts,
                              Map<Long, Observation> observations, String leaseToken) {
        RunSpec spec = specs.get(run.id(), run.specVersion(), run.specText());
        RunState state = new RunState(run.id(), run.type(), run.desiredReplicas(), run.stopRequest(), spec.retry(),
                spec.maxDuration(), spec.stopGracePeriod(), restarts);
        Map<Long, SubmissionRecord> byId = new LinkedHashMap<>();
        List<Attempt> attempts = new ArrayList<>();
        for (SubmissionRecord submission : submissions) {
            byId.put(submission.attempt().id(), submission);
            attempts.add(submission.attempt());
        }
        boolean changed = recordPlacement(submissions, observations);
        Instant now = clock.instant();
        List<ReconcileAction> plan = ReconcilePlan.plan(state, attempts, observations, now);
        for (ReconcileAction action : plan) {
            boolean applied = apply(action, run, spec, byId, observations, leaseToken, now);
            if (applied) {
                recordRetries(action, run, state, byId, now);
            }
            changed |= applied;
        }
        if (changed) {
            events.publishEvent(new RunChanged(run.project(), run.name()));
        }
        return changed;
    }

    /**
     * What the backend tells about an active submission beyond its state: the node it landed on, and while it
     * waits, why. Written only when it differs from what is stored, so a quiet pass writes nothing.
     */
    private boolean recordPlacement(List<SubmissionRecord> submissions, Map<Long, Observation> observations) {
        boolean changed = false;
        for (SubmissionRecord submission : submissions) {
            Observation seen = observations.get(submission.attempt().id());
            if (seen == null || !submission.attempt().isActive()) {
                continue;
            }
            if (seen.host() != null && !seen.host().equals(submission.host())) {
                store.setHost(submission.attempt().id(), seen.host());
                changed = true;
            }
            if (seen.endpoint() != null && !seen.endpoint().equals(submission.endpoint())) {
                store.setEndpoint(submission.attempt().id(), seen.endpoint());
                changed = true;
            }
            // a running replica shows what is wrong with watching it (Slurm unreachable) and loses it once cleared
            if (submission.attempt().status() == ReplicaStatus.RUNNING && seen.state() != Observation.State.EXITED
                    && seen.state() != Observation.State.VANISHED
                    && !java.util.Objects.equals(seen.pendingReason(), submission.message())) {
                store.setRunningMessage(submission.attempt().id(), seen.pendingReason());
                changed = true;
                continue;
            }
            // also for a job that ends unstarted (Slurm can never run it): its reason stays on the slot
            if (seen.pendingReason() != null && !seen.pendingReason().equals(submission.message())) {
                store.setPendingMessage(submission.attempt().id(), seen.pendingReason());
                changed = true;
            }
        }
        return changed;
    }

    private boolean apply(ReconcileAction action, RunRecord run, RunSpec spec, Map<Long, SubmissionRecord> byId,
                          Map<Long, Observation> observations, String leaseToken, Instant now) {
        return switch (action) {
            case Launch launch -> launcher.launchNew(run, spec, launch.replicaNum(), launch.submissionNum(), now);
            case LaunchExisting existing -> launcher.launchExisting(run, spec, byId.get(existing.submissionId())
                    .attempt(), now);
            case MarkRunning running -> store.markRunning(running.submissionId(), now);
            case Finish finish -> {
                SubmissionRecord submission = byId.get(finish.submissionId());
                EndTime end = EndTime.of(observations.get(finish.submissionId()), submission.attempt(),
                        lastSeenAlive.get(finish.submissionId()), run.replicasSeenAt(), now);
                boolean done = store.finish(finish.submissionId(), submission.attempt().status(), finish.status(),
                        finish.reason(), finish.exitCode(), end.message(), end.at());
                if (done) {
                    lastSeenAlive.remove(finish.submissionId());
                    if (submission.handle() != null) {
                        backend(submission).ifPresent(b -> b.forget(new BackendHandle(submission.handle())));
                    }
                }
                yield done;
            }
            case Terminate terminate -> {
                SubmissionRecord submission = byId.get(terminate.submissionId());
                boolean marked = store.terminating(terminate.submissionId(), terminate.reason(), now);
                events.publishEvent(new SubmissionLeaving(terminate.submissionId()));
                signal(submission, terminate.signal());
                yield marked;
            }
            case Kill kill -> {
                signal(byId.get(kill.submissionId()), StopSignal.KILL);
                yield false;
            }
            case SetRunStatus status -> {
                if (status.status() == run.status()) {
                    yield false;
                }
                if (!store.setRunStatus(run.id(), leaseToken, status.status(), now)) {
                    yield false;
                }
                store.event(run.id(), "STATUS_CHANGED", run.status().name(), status.status().name(), null, now);
                yield true;
            }
        };
    }

    /**
     * A failure that the retry policy answers, and the retry itself, are events of the run's timeline: the slot
     * says the same while it waits (ReplicaSlots), the timeline keeps it.
     */
    private void recordRetries(ReconcileAction action, RunRecord run, RunState state, Map<Long, SubmissionRecord> byId,
                               Instant now) {
        if (action instanceof Finish finish && finish.status() == dev.runplane.replicas.ReplicaStatus.FAILED) {
            Attempt before = byId.get(finish.submissionId()).attempt();
            Attempt failed = new Attempt(before.id(), before.replicaNum(), before.submissionNum(), finish.status(),
                    finish.reason(), finish.exitCode(), before.launched(), before.submittedAt(), before.startedAt(),
                    before.terminateRequestedAt(), now);
            List<Attempt> all = new ArrayList<>(byId.values().stream().map(SubmissionRecord::attempt)
                    .filter(a -> a.id() != failed.id()).toList());
            all.add(failed);
            int failures = ReplicaSlots.failures(all, failed.replicaNum());
            ReplicaSlots.RetryPolicy retry = state.slotRules().retry();
            boolean retries = state.stopRequest() == dev.runplane.runs.StopRequest.NONE
                    && failed.replicaNum() < state.desiredReplicas() && retry.retries(failed, failures);
            store.event(run.id(), "REPLICA_FAILED", "replica=" + failed.replicaNum() + "#" + failed.submissionNum(),
                    retries ? "retry " + failures + " of " + retry.limit() : "not retried",
                    "replica " + failed.replicaNum() + " " + ReplicaSlots.whatHappened(failed) + (retries
                            ? "; retry " + failures + " of " + retry.limit() + " in "
                            + ReplicaSlots.backoff(failures).toSeconds() + " s"
                            : "; no retry (" + (retry.limit() == 0 ? "no retry policy" : "limit reached") + ")"),
                    now);
        }
        if (action instanceof Launch launch && launch.submissionNum() > 0) {
            List<Attempt> all = byId.values().stream().map(SubmissionRecord::attempt).toList();
            all.stream().filter(a -> a.replicaNum() == launch.replicaNum()
                            && a.submissionNum() == launch.submissionNum() - 1
                            && a.status() == dev.runplane.replicas.ReplicaStatus.FAILED)
                    .findFirst().ifPresent(previous -> {
                        int failures = ReplicaSlots.failures(all, launch.replicaNum());
                        store.event(run.id(), "REPLICA_RETRIED", "replica=" + launch.replicaNum() + "#"
                                        + previous.submissionNum(), "replica=" + launch.replicaNum() + "#"
                                        + launch.submissionNum(),
                                "replica " + launch.replicaNum() + ": retry " + failures + " of "
                                        + state.slotRules().retry().limit() + " after it "
                                        + ReplicaSlots.whatHappened(previous), now);
                    });
        }
    }

    private void signal(SubmissionRecord submission, StopSignal signal) {
        if (submission != null && submission.handle() != null) {
            backend(submission).ifPresent(b -> b.signal(new BackendHandle(submission.handle()), signal));
        }
    }

    private java.util.Optional<ExecutionBackend> backend(SubmissionRecord submission) {
        return backends.find(submission.backend());
    }

    /** Asks each backend once about all active, launched submissions of this pass. */
    private Map<Long, Observation> observe(Map<Long, List<SubmissionRecord>> submissions, Instant observedAt) {
        Map<String, Map<BackendHandle, Long>> byBackend = new HashMap<>();
        for (List<SubmissionRecord> list : submissions.values()) {
            for (SubmissionRecord submission : list) {
                if (submission.attempt().isActive() && submission.handle() != null) {
                    byBackend.computeIfAbsent(submission.backend(), k -> new HashMap<>())
                            .put(new BackendHandle(submission.handle()), submission.attempt().id());
                }
            }
        }
        Map<Long, Observation> observations = new HashMap<>();
        byBackend.forEach((name, handles) -> backends.find(name).ifPresent(backend -> {
            try {
                backend.observe(handles.keySet()).forEach((handle, seen) -> {
                    Long id = handles.get(handle);
                    observations.put(id, seen);
                    if (!seen.ended()) {
                        lastSeenAlive.put(id, observedAt);
                    }
                });
            } catch (RuntimeException e) {
                log.warn("Backend {} could not observe its replicas; keeping their last known state", name, e);
            }
        }));
        return observations;
    }

}
