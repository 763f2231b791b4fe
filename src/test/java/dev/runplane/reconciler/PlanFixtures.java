package dev.runplane.reconciler;

import dev.runplane.execution.Observation;
import dev.runplane.reconciler.ReconcileAction.SetRunStatus;
import dev.runplane.replicas.ReplicaStatus;
import dev.runplane.replicas.TerminationReason;
import dev.runplane.runs.RunStatus;
import dev.runplane.runs.RunType;
import dev.runplane.runs.StopRequest;
import dev.runplane.runs.spec.RunSpec.Retry;
import dev.runplane.runs.spec.RunSpec.RetryOn;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Builders for the planner's inputs and a readable view of its output; times are fixed around {@link #NOW}. */
final class PlanFixtures {
    static final Instant NOW = Instant.parse("2025-03-14T12:00:00Z");
    static final Instant AN_HOUR_AGO = NOW.minus(Duration.ofHours(1));
    static final Duration GRACE = Duration.ofSeconds(10);

    private PlanFixtures() {
    }

    static RunBuilder task(int desired) {
        return new RunBuilder(RunType.TASK, desired);
    }

    static RunBuilder service(int desired) {
        return new RunBuilder(RunType.SERVICE, desired);
    }

    static Retry retry(int limit, RetryOn... on) {
        return new Retry(on.length == 0 ? EnumSet.noneOf(RetryOn.class) : EnumSet.copyOf(Arrays.asList(on)), limit);
    }

    /** Replica {@code replica}, submission 0, launched and running for an hour. */
    static AttemptBuilder attempt(long id, int replica) {
        return new AttemptBuilder(id, replica);
    }

    /** Plans at {@link #NOW}. */
    static Planned plan(RunState run, List<Attempt> attempts, Map<Long, Observation> observations) {
        return plan(run, attempts, observations, NOW);
    }

    static Planned plan(RunState run, List<Attempt> attempts, Map<Long, Observation> observations, Instant now) {
        return new Planned(ReconcilePlan.plan(run, attempts, observations, now));
    }

    static Planned plan(RunState run, Attempt... attempts) {
        return plan(run, List.of(attempts), Map.of());
    }

    /** A plan split into its replica actions and the run status it ends with. */
    record Planned(List<ReconcileAction> all) {
        Planned {
            assertThat(all).as("a plan always ends with exactly one SetRunStatus").isNotEmpty();
            assertThat(all.getLast()).isInstanceOf(SetRunStatus.class);
            assertThat(all.stream().filter(SetRunStatus.class::isInstance)).hasSize(1);
        }

        /** every action but the final SetRunStatus */
        List<ReconcileAction> actions() {
            return all.subList(0, all.size() - 1);
        }

        RunStatus status() {
            return ((SetRunStatus) all.getLast()).status();
        }
    }

    static final class RunBuilder {
        private final RunType type;
        private int desired;
        private StopRequest stop = StopRequest.NONE;
        private Retry retry = Retry.NONE;
        private Duration maxDuration;
        private Duration grace = GRACE;
        private final Map<Integer, Instant> restarts = new HashMap<>();

        private RunBuilder(RunType type, int desired) {
            this.type = type;
            this.desired = desired;
        }

        RunBuilder desired(int replicas) {
            this.desired = replicas;
            return this;
        }

        RunBuilder stop() {
            this.stop = StopRequest.STOP;
            return this;
        }

        RunBuilder abort() {
            this.stop = StopRequest.ABORT;
            return this;
        }

        RunBuilder retry(Retry policy) {
            this.retry = policy;
            return this;
        }

        RunBuilder maxDuration(Duration duration) {
            this.maxDuration = duration;
            return this;
        }

        RunBuilder grace(Duration period) {
            this.grace = period;
            return this;
        }

        RunBuilder restartRequested(int replica, Instant at) {
            restarts.put(replica, at);
            return this;
        }

        RunState build() {
            return new RunState(42, type, desired, stop, retry, maxDuration, grace, Map.copyOf(restarts));
        }
    }

    static final class AttemptBuilder {
        private final long id;
        private final int replica;
        private int submission;
        private ReplicaStatus status = ReplicaStatus.RUNNING;
        private TerminationReason reason;
        private Integer exitCode;
        private boolean launched = true;
        private Instant submittedAt = AN_HOUR_AGO;
        private Instant startedAt = AN_HOUR_AGO;
        private Instant terminateRequestedAt;
        private Instant finishedAt;

        private AttemptBuilder(long id, int replica) {
            this.id = id;
            this.replica = replica;
        }

        AttemptBuilder submission(int number) {
            this.submission = number;
            return this;
        }

        AttemptBuilder submittedAt(Instant at) {
            this.submittedAt = at;
            return this;
        }

        AttemptBuilder startedAt(Instant at) {
            this.startedAt = at;
            return this;
        }

        /** a row written but never handed to the backend (no handle) */
        AttemptBuilder notLaunched() {
            status = ReplicaStatus.SUBMITTED;
            launched = false;
            startedAt = null;
            return this;
        }

        AttemptBuilder provisioning() {
            status = ReplicaStatus.PROVISIONING;
            startedAt = null;
            return this;
        }

        AttemptBuilder running() {
            status = ReplicaStatus.RUNNING;
            return this;
        }

        AttemptBuilder terminating(TerminationReason why, Instant since) {
            status = ReplicaStatus.TERMINATING;
            reason = why;
            terminateRequestedAt = since;
            return this;
        }

        AttemptBuilder ended(ReplicaStatus finalStatus, TerminationReason why, Integer code, Instant at) {
            status = finalStatus;
            reason = why;
            exitCode = code;
            finishedAt = at;
            return this;
        }

        AttemptBuilder done(Instant at) {
            return ended(ReplicaStatus.DONE, TerminationReason.DONE, 0, at);
        }

        AttemptBuilder failed(int code, Instant at) {
            return ended(ReplicaStatus.FAILED, TerminationReason.EXITED_WITH_ERROR, code, at);
        }

        AttemptBuilder lost(Instant at) {
            return ended(ReplicaStatus.FAILED, TerminationReason.LOST, null, at);
        }

        AttemptBuilder terminated(TerminationReason why, Instant at) {
            return ended(ReplicaStatus.TERMINATED, why, null, at);
        }

        Attempt build() {
            return new Attempt(id, replica, submission, status, reason, exitCode, launched, submittedAt, startedAt,
                    terminateRequestedAt, finishedAt);
        }
    }
}
