package dev.runplane.reconciler;

import static dev.runplane.execution.StopSignal.KILL;
import static dev.runplane.execution.StopSignal.TERM;
import static dev.runplane.reconciler.PlanFixtures.AN_HOUR_AGO;
import static dev.runplane.reconciler.PlanFixtures.NOW;
import static dev.runplane.reconciler.PlanFixtures.attempt;
import static dev.runplane.reconciler.PlanFixtures.plan;
import static dev.runplane.reconciler.PlanFixtures.retry;
import static dev.runplane.reconciler.PlanFixtures.service;
import static dev.runplane.reconciler.PlanFixtures.task;
import static dev.runplane.replicas.TerminationReason.ABORTED_BY_USER;
import static dev.runplane.replicas.TerminationReason.EXITED_WITH_ERROR;
import static dev.runplane.replicas.TerminationReason.FAILED_TO_START;
import static dev.runplane.replicas.TerminationReason.LOST;
import static dev.runplane.replicas.TerminationReason.MAX_DURATION_EXCEEDED;
import static dev.runplane.replicas.TerminationReason.RESTARTED_BY_USER;
import static dev.runplane.replicas.TerminationReason.SCALED_DOWN;
import static dev.runplane.replicas.TerminationReason.STOPPED_BY_USER;
import static dev.runplane.runs.spec.RunSpec.RetryOn.ERROR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runplane.execution.Observation;
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
import dev.runplane.runs.RunStatus;
import dev.runplane.runs.RunType;
import dev.runplane.runs.StopRequest;
import dev.runplane.runs.spec.RunSpec.Retry;
import dev.runplane.runs.spec.RunSpec.RetryOn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The planner against DESIGN.md's "Statuses", "Scaling and stopping" and "Reconciler" sections. */
class ReconcilePlanTest {
    private static final Retry ON_ERROR_TWICE = retry(2, ERROR);

    private static Map<Long, Observation> seen(long id, Observation observation) {
        return Map.of(id, observation);
    }

    private static Map<Long, Observation> seen(long id1, Observation o1, long id2, Observation o2) {
        return Map.of(id1, o1, id2, o2);
    }

    private static boolean mentions(ReconcileAction action, long submissionId) {
        return switch (action) {
            case LaunchExisting a -> a.submissionId() == submissionId;
            case MarkRunning a -> a.submissionId() == submissionId;
            case Finish a -> a.submissionId() == submissionId;
            case Terminate a -> a.submissionId() == submissionId;
            case Kill a -> a.submissionId() == submissionId;
            case Launch a -> false;
            case SetRunStatus a -> false;
        };
    }

    // --- launching ----------------------------------------------------------------------------------------------

    @Test
    void emptyRunLaunchesEveryDesiredReplicaAsSubmissionZeroAndIsSubmitted() {
        Planned planned = plan(task(3).build());

        assertThat(planned.actions()).containsExactly(new Launch(0, 0), new Launch(1, 0), new Launch(2, 0));
        assertThat(planned.status()).isEqualTo(RunStatus.SUBMITTED);
    }

    @Test
    void emptyServiceLaunchesItsReplicasToo() {
        Planned planned = plan(service(2).build());

        assertThat(planned.actions()).containsExactly(new Launch(0, 0), new Launch(1, 0));
        assertThat(planned.status()).isEqualTo(RunStatus.SUBMITTED);
    }

    @Test
    void desiredZeroLaunchesNothingAndRunIsPendingNotTerminated() {
        assertThat(plan(task(0).build()).all()).containsExactly(new SetRunStatus(RunStatus.PENDING));
        assertThat(plan(service(0).build()).all()).containsExactly(new SetRunStatus(RunStatus.PENDING));
    }

    @Test
    void scalingToZeroTerminatesEveryReplicaAndRunIsPending() {
        Planned planned = plan(service(0).build(), attempt(1, 0).build());

        assertThat(planned.actions()).containsExactly(new Terminate(1, SCALED_DOWN, TERM));
        assertThat(planned.status()).isEqualTo(RunStatus.PENDING);
    }

    @Test
    void scaledToZeroWithEverythingEndedStaysPendingAndLaunchesNothing() {
        Planned planned = plan(service(0).build(), attempt(1, 0).terminated(SCALED_DOWN, NOW.minusSeconds(30)).build());

        assertThat(planned.all()).containsExactly(new SetRunStatus(RunStatus.PENDING));
    }

    @Test
    void submissionWithoutHandleAndNoNewerOneIsLaunchedAgainUnderItsOwnId() {
        Planned planned = plan(task(1).build(), attempt(7, 0).notLaunched().build());

        assertThat(planned.actions()).containsExactly(new LaunchExisting(7));
        assertThat(planned.status()).isEqualTo(RunStatus.SUBMITTED);
    }

    @Test
    void submissionWithoutHandleIgnoresAnyObservation() {
        Planned planned = plan(task(1).build(), List.of(attempt(7, 0).notLaunched().build()),
                seen(7, Observation.exited(0)));

        assertThat(planned.actions()).containsExactly(new LaunchExisting(7));
    }

    @Test
    void missingReplicaNumbersAreLaunchedFromTheLowestFree() {
        Planned planned = plan(service(4).build(), attempt(1, 0).build(), attempt(3, 2).build());

        assertThat(planned.actions()).containsExactly(new Launch(1, 0), new Launch(3, 0));
        assertThat(planned.status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void provisioningReplicaStillPendingAtTheBackendIsLeftAlone() {
        Planned planned = plan(task(1).build(), List.of(attempt(1, 0).provisioning().build()),
                seen(1, Observation.pending()));

        assertThat(planned.actions()).isEmpty();
        assertThat(planned.status()).isEqualTo(RunStatus.PROVISIONING);
    }

    @Test
    void replicaTheBackendSaysNothingAboutKeepsItsLastKnownState() {
        Planned planned = plan(task(1).build(), attempt(1, 0).build());

        assertThat(planned.actions()).isEmpty();
        assertThat(planned.status()).isEqualTo(RunStatus.RUNNING);
    }

    // --- observations -------------------------------------------------------------------------------------------

    @Test
    void runningObservationOnProvisioningReplicaMarksItRunningAndRunRunning() {
        Planned planned = plan(task(1).build(), List.of(attempt(1, 0).provisioning().build()),
                seen(1, Observation.running()));

        assertThat(planned.actions()).containsExactly(new MarkRunning(1));
        assertThat(planned.status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void runningObservationOnRunningReplicaChangesNothing() {
        Planned planned = plan(task(1).build(), List.of(attempt(1, 0).build()), seen(1, Observation.running()));

        assertThat(planned.actions()).isEmpty();
    }

    @Test
    void provisioningReplicaThatExitsZeroBeforeSeenRunningIsFinishedDone() {
        Planned planned = plan(task(1).build(), List.of(attempt(1, 0).provisioning().build()),
                seen(1, Observation.exited(0)));

        assertThat(planned.actions()).containsExactly(new Finish(1, ReplicaStatus.DONE, TerminationReason.DONE, 0));
        assertThat(planned.status()).isEqualTo(RunStatus.DONE);
    }

    @Test
    void provisioningReplicaThatExitsNonZeroFailsWithItsExitCode() {
        Planned planned = plan(task(1).build(), List.of(attempt(1, 0).provisioning().build()),
                seen(1, Observation.exited(127)));

        assertThat(planned.actions()).containsExactly(new Finish(1, ReplicaStatus.FAILED, EXITED_WITH_ERROR, 127));
        assertThat(planned.status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void observationsOfFinishedSubmissionsAreIgnored() {
        Planned planned = plan(task(1).build(), List.of(attempt(1, 0).done(NOW.minusSeconds(5)).build()),
                seen(1, Observation.exited(9)));

        assertThat(planned.actions()).isEmpty();
        assertThat(planned.status()).isEqualTo(RunStatus.DONE);
    }

    // --- scaling up ---------------------------------------------------------------------------------------------

    @Test
    void scalingUpLaunchesOnlyTheNewReplicaAndLeavesTheRunningOneAlone() {
        Planned planned = plan(service(2).build(), List.of(attempt(1, 0).build()), seen(1, Observation.running()));

        assertThat(planned.actions()).containsExactly(new Launch(1, 0));
        assertThat(planned.actions()).noneMatch(a -> mentions(a, 1));
        assertThat(planned.status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void scalingUpLaunchesEveryMissingReplicaInOnePass() {
        Planned planned = plan(service(4).build(), attempt(1, 0).build());

        assertThat(planned.actions()).containsExactly(new Launch(1, 0), new Launch(2, 0), new Launch(3, 0));
    }

    // --- scaling down -------------------------------------------------------------------------------------------

    @Test
    void scalingDownTerminatesHighestReplicaFirstWithReasonScaledDown() {
        Planned planned = plan(service(1).build(), List.of(attempt(1, 0).build(), attempt(2, 1).build()),
                seen(1, Observation.running(), 2, Observation.running()));

        assertThat(planned.actions()).containsExactly(new Terminate(2, SCALED_DOWN, TERM));
        assertThat(planned.actions()).noneMatch(a -> mentions(a, 1));
        assertThat(planned.status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void scalingDownTerminatesEveryReplicaAtOrAboveTheDesiredCount() {
        Planned planned = plan(service(1).build(), attempt(1, 0).build(), attempt(2, 1).build(),
                attempt(3, 2).provisioning().build());

        assertThat(planned.actions()).containsExactlyInAnyOrder(new Terminate(2, SCALED_DOWN, TERM),
                new Terminate(3, SCALED_DOWN, TERM));
    }

    @Test
    void scalingDownANotYetLaunchedReplicaFinishesItDirectlyWithNothingToSignal() {
        Planned planned = plan(service(1).build(), attempt(1, 0).build(), attempt(2, 1).notLaunched().build());

        assertThat(planned.actions()).containsExactly(new Finish(2, ReplicaStatus.TERMINATED, SCALED_DOWN, null));
        assertThat(planned.status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void scalingDownDoesNotSignalAReplicaThatIsAlreadyTerminating() {
        Planned planned = plan(service(1).build(), attempt(1, 0).build(),
                attempt(2, 1).terminating(SCALED_DOWN, NOW.minusSeconds(2)).build());

        assertThat(planned.actions()).isEmpty();
        assertThat(planned.status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void scalingDownNeitherRelaunchesNorTouchesAFailedReplicaAboveTheCount() {
        Planned planned = plan(service(1).retry(ON_ERROR_TWICE).build(), attempt(1, 0).build(),
                attempt(2, 1).failed(1, NOW.minusSeconds(60)).build());

        assertThat(planned.actions()).isEmpty();
        assertThat(planned.status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void scalingBackUpBeforeTheScaledDownReplicaEndedLaunchesNothingYet() {
        Planned planned = plan(service(2).build(), List.of(attempt(1, 0).build(),
                        attempt(2, 1).terminating(SCALED_DOWN, NOW.minusSeconds(2)).build()),
                seen(1, Observation.running(), 2, Observation.running()));

        assertThat(planned.actions()).isEmpty();
    }

    @Test
    void scalingBackUpAfterTheScaledDownReplicaEndedLaunchesItsNextSubmission() {
        Planned planned = plan(service(2).build(), attempt(1, 0).build(),
                attempt(2, 1).terminated(SCALED_DOWN, NOW.minusSeconds(1)).build());

        assertThat(planned.actions()).containsExactly(new Launch(1, 1));
        assertThat(planned.status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void scaledDownReplicaEndingInThisPassIsRelaunchedAtOnceWhenWantedAgain() {
        Planned planned = plan(service(2).build(), List.of(attempt(1, 0).build(),
                        attempt(2, 1).terminating(SCALED_DOWN, NOW.minusSeconds(2)).build()),
                seen(2, Observation.exited(143)));

        assertThat(planned.actions()).containsExactly(new Finish(2, ReplicaStatus.TERMINATED, SCALED_DOWN, 143),
                new Launch(1, 1));
    }

    @Test
    void relaunchAfterScaleDownUsesTheHighestSubmissionSoFar() {
        Planned planned = plan(service(2).build(), attempt(1, 0).build(),
                attempt(2, 1).terminated(SCALED_DOWN, AN_HOUR_AGO).build(),
                attempt(3, 1).submission(1).terminated(SCALED_DOWN, NOW.minusSeconds(1)).build());

        assertThat(planned.actions()).containsExactly(new Launch(1, 2));
    }

    // --- terminating and the grace period -----------------------------------------------------------------------

    @Test
    void terminatingReplicaThatExitsIsTerminatedKeepingReasonAndExitCode() {
        Planned planned = plan(service(1).build(), List.of(attempt(1, 0).build(),
                        attempt(2, 1).terminating(SCALED_DOWN, NOW.minusSeconds(2)).build()),
                seen(2, Observation.exited(143)));

        assertThat(planned.actions()).containsExactly(new Finish(2, ReplicaStatus.TERMINATED, SCALED_DOWN, 143));
        assertThat(planned.status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void terminatingReplicaThatExitsZeroIsStillTerminatedNotDone() {
        Planned planned = plan(service(1).build(), List.of(attempt(1, 0).build(),
                        attempt(2, 1).terminating(SCALED_DOWN, NOW.minusSeconds(2)).build()),
                seen(2, Observation.exited(0)));

        assertThat(planned.actions()).containsExactly(new Finish(2, ReplicaStatus.TERMINATED, SCALED_DOWN, 0));
    }

    @Test
    void terminatingReplicaThatVanishesIsTerminatedNotLost() {
        Planned planned = plan(service(1).build(), List.of(attempt(1, 0).build(),
                        attempt(2, 1).terminating(SCALED_DOWN, NOW.minusSeconds(2)).build()),
                seen(2, Observation.vanished()));

        assertThat(planned.actions()).containsExactly(new Finish(2, ReplicaStatus.TERMINATED, SCALED_DOWN, null));
    }

    @Test
    void abortedReplicaThatEndsIsAborted() {
        Planned planned = plan(service(1).abort().build(),
                List.of(attempt(1, 0).terminating(ABORTED_BY_USER, NOW.minusSeconds(1)).build()),
                seen(1, Observation.exited(137)));

        assertThat(planned.actions()).containsExactly(new Finish(1, ReplicaStatus.ABORTED, ABORTED_BY_USER, 137));
        assertThat(planned.status()).isEqualTo(RunStatus.TERMINATED);
    }

    @Test
    void abortedReplicaThatVanishesIsAborted() {
        Planned planned = plan(service(1).abort().build(),
                List.of(attempt(1, 0).terminating(ABORTED_BY_USER, NOW.minusSeconds(1)).build()),
                seen(1, Observation.vanished()));

        assertThat(planned.actions()).containsExactly(new Finish(1, ReplicaStatus.ABORTED, ABORTED_BY_USER, null));
    }

    @Test
    void terminatingReplicaWithinTheGracePeriodIsNotKilled() {
        Planned planned = plan(service(1).build(), attempt(1, 0).build(),
                attempt(2, 1).terminating(SCALED_DOWN, NOW.minus(Duration.ofMillis(9_999))).build());

        assertThat(planned.actions()).isEmpty();
    }

    @Test
    void terminatingReplicaIsKilledWhenTheGracePeriodIsOver() {
        Planned atGrace = plan(service(1).build(), attempt(1, 0).build(),
                attempt(2, 1).terminating(SCALED_DOWN, NOW.minusSeconds(10)).build());
        Planned longAfter = plan(service(1).build(), attempt(1, 0).build(),
                attempt(2, 1).terminating(SCALED_DOWN, NOW.minusSeconds(600)).build());

        assertThat(atGrace.actions()).containsExactly(new Kill(2));
        assertThat(longAfter.actions()).containsExactly(new Kill(2));
    }

    @Test
    void gracePeriodComesFromTheSpec() {
        Attempt since20s = attempt(2, 1).terminating(SCALED_DOWN, NOW.minusSeconds(20)).build();

        assertThat(plan(service(1).grace(Duration.ofSeconds(30)).build(), attempt(1, 0).build(), since20s).actions())
                .isEmpty();
        assertThat(plan(service(1).grace(Duration.ofSeconds(5)).build(), attempt(1, 0).build(), since20s).actions())
                .containsExactly(new Kill(2));
    }

    @Test
    void terminatingReplicaThatEndedAfterTheGracePeriodIsFinishedNotKilled() {
        Planned planned = plan(service(1).build(), List.of(attempt(1, 0).build(),
                        attempt(2, 1).terminating(SCALED_DOWN, NOW.minusSeconds(60)).build()),
                seen(2, Observation.exited(137)));

        assertThat(planned.actions()).containsExactly(new Finish(2, ReplicaStatus.TERMINATED, SCALED_DOWN, 137));
    }

    // --- stop and abort -----------------------------------------------------------------------------------------

    @Test
    void stopTerminatesEveryActiveReplicaGracefullyAndRunIsTerminating() {
        Planned planned = plan(service(3).stop().build(), attempt(1, 0).build(), attempt(2, 1).provisioning().build(),
                attempt(3, 2).build());

        assertThat(planned.actions()).containsExactlyInAnyOrder(new Terminate(1, STOPPED_BY_USER, TERM),
                new Terminate(2, STOPPED_BY_USER, TERM), new Terminate(3, STOPPED_BY_USER, TERM));
        assertThat(planned.status()).isEqualTo(RunStatus.TERMINATING);
    }

    @Test
    void stopFinishesNotYetLaunchedReplicasDirectly() {
        Planned planned = plan(task(1).stop().build(), attempt(1, 0).notLaunched().build());

        assertThat(planned.actions())
                .containsExactly(new Finish(1, ReplicaStatus.TERMINATED, STOPPED_BY_USER, null));
        assertThat(planned.status()).isEqualTo(RunStatus.TERMINATED);
    }

    @Test
    void stopLeavesFinishedReplicasAlone() {
        Planned planned = plan(task(2).stop().build(), attempt(1, 0).done(NOW.minusSeconds(30)).build(),
                attempt(2, 1).build());

        assertThat(planned.actions()).containsExactly(new Terminate(2, STOPPED_BY_USER, TERM));
        assertThat(planned.status()).isEqualTo(RunStatus.TERMINATING);
    }

    @Test
    void stoppedRunIsTerminatedOnceNoReplicaIsActive() {
        Planned planned = plan(service(2).stop().build(),
                attempt(1, 0).terminated(STOPPED_BY_USER, NOW.minusSeconds(3)).build(),
                attempt(2, 1).terminated(STOPPED_BY_USER, NOW.minusSeconds(3)).build());

        assertThat(planned.all()).containsExactly(new SetRunStatus(RunStatus.TERMINATED));
    }

    @Test
    void stoppedRunIsTerminatedInThePassItsLastReplicaEnds() {
        Planned planned = plan(service(1).stop().build(),
                List.of(attempt(1, 0).terminating(STOPPED_BY_USER, NOW.minusSeconds(2)).build()),
                seen(1, Observation.exited(143)));

        assertThat(planned.actions())
                .containsExactly(new Finish(1, ReplicaStatus.TERMINATED, STOPPED_BY_USER, 143));
        assertThat(planned.status()).isEqualTo(RunStatus.TERMINATED);
    }

    @Test
    void stopWinsOverScaleUp() {
        Planned planned = plan(service(3).stop().build(), attempt(1, 0).build());

        assertThat(planned.actions()).containsExactly(new Terminate(1, STOPPED_BY_USER, TERM));
        assertThat(planned.actions()).noneMatch(a -> a instanceof Launch || a instanceof LaunchExisting);
        assertThat(planned.status()).isEqualTo(RunStatus.TERMINATING);
    }

    @Test
    void stopBeforeAnythingWasLaunchedLaunchesNothingAndIsTerminated() {
        assertThat(plan(task(2).stop().build()).all()).containsExactly(new SetRunStatus(RunStatus.TERMINATED));
    }

    @Test
    void stopDoesNotRetryFailedReplicas() {
        Planned planned = plan(service(1).stop().retry(ON_ERROR_TWICE).build(),
                attempt(1, 0).failed(1, AN_HOUR_AGO).build());

        assertThat(planned.all()).containsExactly(new SetRunStatus(RunStatus.TERMINATED));
    }

    @Test
    void stopDoesNotRestartReplicas() {
        Planned planned = plan(service(1).stop().restartRequested(0, NOW.minusSeconds(1)).build(),
                attempt(1, 0).terminated(RESTARTED_BY_USER, NOW.minusSeconds(1)).build());

        assertThat(planned.all()).containsExactly(new SetRunStatus(RunStatus.TERMINATED));
    }

    @Test
    void stopDoesNotSignalAReplicaThatIsAlreadyTerminatingForAnotherReason() {
        Planned planned = plan(service(2).stop().build(), attempt(1, 0).build(),
                attempt(2, 1).terminating(SCALED_DOWN, NOW.minusSeconds(2)).build());

        assertThat(planned.actions()).containsExactly(new Terminate(1, STOPPED_BY_USER, TERM));
        assertThat(planned.status()).isEqualTo(RunStatus.TERMINATING);
    }

    @Test
    void stoppedReplicasAreKilledAfterTheGracePeriod() {
        Planned planned = plan(service(1).stop().build(),
                attempt(1, 0).terminating(STOPPED_BY_USER, NOW.minusSeconds(10)).build());

        assertThat(planned.actions()).containsExactly(new Kill(1));
        assertThat(planned.status()).isEqualTo(RunStatus.TERMINATING);
    }

    @Test
    void replicaThatEndsOnItsOwnInTheStopPassIsFinishedNotTerminated() {
        Planned planned = plan(task(1).stop().build(), List.of(attempt(1, 0).build()),
                seen(1, Observation.exited(0)));

        assertThat(planned.actions()).containsExactly(new Finish(1, ReplicaStatus.DONE, TerminationReason.DONE, 0));
        assertThat(planned.status()).isEqualTo(RunStatus.TERMINATED);
    }

    @Test
    void replicaSeenRunningInTheStopPassIsMarkedRunningThenTerminated() {
        Planned planned = plan(service(1).stop().build(), List.of(attempt(1, 0).provisioning().build()),
                seen(1, Observation.running()));

        assertThat(planned.actions()).containsExactly(new MarkRunning(1), new Terminate(1, STOPPED_BY_USER, TERM));
        assertThat(planned.status()).isEqualTo(RunStatus.TERMINATING);
    }

    @Test
    void abortKillsEveryActiveReplicaAtOnce() {
        Planned planned = plan(service(2).abort().build(), attempt(1, 0).build(),
                attempt(2, 1).provisioning().build());

        assertThat(planned.actions()).containsExactlyInAnyOrder(new Terminate(1, ABORTED_BY_USER, KILL),
                new Terminate(2, ABORTED_BY_USER, KILL));
        assertThat(planned.status()).isEqualTo(RunStatus.TERMINATING);
    }

    @Test
    void abortFinishesNotYetLaunchedReplicasAsAborted() {
        Planned planned = plan(task(1).abort().build(), attempt(1, 0).notLaunched().build());

        assertThat(planned.actions()).containsExactly(new Finish(1, ReplicaStatus.ABORTED, ABORTED_BY_USER, null));
        assertThat(planned.status()).isEqualTo(RunStatus.TERMINATED);
    }

    @Test
    void abortWhileAGracefulStopIsInProgressKillsAtOnce() {
        Planned planned = plan(service(1).abort().build(),
                attempt(1, 0).terminating(STOPPED_BY_USER, NOW.minusSeconds(1)).build());

        assertThat(planned.actions()).containsExactly(new Kill(1));
        assertThat(planned.status()).isEqualTo(RunStatus.TERMINATING);
    }

    @Test
    void abortKillsAScaledDownReplicaStillInItsGracePeriod() {
        Planned planned = plan(service(2).abort().build(), attempt(1, 0).build(),
                attempt(2, 1).terminating(SCALED_DOWN, NOW.minusSeconds(1)).build());

        assertThat(planned.actions()).containsExactlyInAnyOrder(new Terminate(1, ABORTED_BY_USER, KILL),
                new Kill(2));
    }

    @Test
    void abortedReplicaIsNotSignalledAgainWithinTheGracePeriod() {
        Planned planned = plan(service(1).abort().build(),
                attempt(1, 0).terminating(ABORTED_BY_USER, NOW.minusSeconds(1)).build());

        assertThat(planned.actions()).isEmpty();
        assertThat(planned.status()).isEqualTo(RunStatus.TERMINATING);
    }

    @Test
    void abortAfterTheGracePeriodOfAGracefulStopKillsEachReplicaOnce() {
        Planned planned = plan(service(1).abort().build(),
                attempt(1, 0).terminating(STOPPED_BY_USER, NOW.minusSeconds(60)).build());

        assertThat(planned.actions()).containsExactly(new Kill(1));
    }

    // --- tasks --------------------------------------------------------------------------------------------------

    @Test
    void taskWhoseReplicasAllExitedZeroIsDoneAndNothingIsRelaunched() {
        Planned planned = plan(task(2).build(), attempt(1, 0).done(NOW.minusSeconds(9)).build(),
                attempt(2, 1).done(AN_HOUR_AGO).build());

        assertThat(planned.all()).containsExactly(new SetRunStatus(RunStatus.DONE));
    }

    @Test
    void taskIsDoneInThePassItsLastReplicaExitsZero() {
        Planned planned = plan(task(2).build(), List.of(attempt(1, 0).done(NOW.minusSeconds(9)).build(),
                attempt(2, 1).build()), seen(2, Observation.exited(0)));

        assertThat(planned.actions()).containsExactly(new Finish(2, ReplicaStatus.DONE, TerminationReason.DONE, 0));
        assertThat(planned.status()).isEqualTo(RunStatus.DONE);
    }

    @Test
    void taskStaysRunningWhileAnyReplicaStillRuns() {
        Planned planned = plan(task(2).build(), attempt(1, 0).done(NOW.minusSeconds(9)).build(),
                attempt(2, 1).build());

        assertThat(planned.actions()).isEmpty();
        assertThat(planned.status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void taskReplicaExitingWithErrorAndNoRetryIsFailedAndNotRelaunched() {
        Planned planned = plan(task(1).build(), List.of(attempt(1, 0).build()), seen(1, Observation.exited(3)));

        assertThat(planned.actions()).containsExactly(new Finish(1, ReplicaStatus.FAILED, EXITED_WITH_ERROR, 3));
        assertThat(planned.status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void taskWithAFailedReplicaKeepsRunningUntilNothingIsActiveThenFails() {
        RunState run = task(2).build();
        Planned whileOtherRuns = plan(run, List.of(attempt(1, 0).build(), attempt(2, 1).build()),
                seen(1, Observation.exited(3), 2, Observation.running()));
        Planned whenOtherEnds = plan(run, List.of(attempt(1, 0).failed(3, NOW.minusSeconds(30)).build(),
                attempt(2, 1).build()), seen(2, Observation.exited(0)));

        assertThat(whileOtherRuns.actions())
                .containsExactly(new Finish(1, ReplicaStatus.FAILED, EXITED_WITH_ERROR, 3));
        assertThat(whileOtherRuns.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(whenOtherEnds.actions()).containsExactly(new Finish(2, ReplicaStatus.DONE, TerminationReason.DONE,
                0));
        assertThat(whenOtherEnds.status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void vanishedRunningReplicaFailsAsLost() {
        Planned planned = plan(task(1).build(), List.of(attempt(1, 0).build()), seen(1, Observation.vanished()));

        assertThat(planned.actions()).containsExactly(new Finish(1, ReplicaStatus.FAILED, LOST, null));
        assertThat(planned.status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void vanishedProvisioningReplicaFailsAsLost() {
        Planned planned = plan(task(1).build(), List.of(attempt(1, 0).provisioning().build()),
                seen(1, Observation.vanished()));

        assertThat(planned.actions()).containsExactly(new Finish(1, ReplicaStatus.FAILED, LOST, null));
    }

    @Test
    void backendEndingsBecomeTheirTerminationReasons() {
        Map<Observation.Ending, TerminationReason> expected = Map.of(
                Observation.Ending.CANCELLED_OUTSIDE, TerminationReason.CANCELLED_OUTSIDE,
                Observation.Ending.OUT_OF_MEMORY, TerminationReason.OUT_OF_MEMORY,
                Observation.Ending.LOST, LOST,
                Observation.Ending.UNSATISFIABLE, TerminationReason.FAILED_TO_START);
        expected.forEach((ending, reason) -> {
            Planned planned = plan(task(1).build(), List.of(attempt(1, 0).build()),
                    seen(1, Observation.exited(137).endedAs(ending)));
            assertThat(planned.actions()).as(ending.name())
                    .containsExactly(new Finish(1, ReplicaStatus.FAILED, reason, 137));
        });
        Planned timedOut = plan(task(1).build(), List.of(attempt(1, 0).build()),
                seen(1, Observation.exited(0).endedAs(Observation.Ending.TIME_LIMIT)));
        assertThat(timedOut.actions()).containsExactly(new Finish(1, ReplicaStatus.TERMINATED,
                TerminationReason.MAX_DURATION_EXCEEDED, 0));
        assertThat(timedOut.status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void aJobCancelledOutsideIsRetriedAsLost() {
        Planned lostOnly = plan(service(1).retry(retry(1, RetryOn.LOST)).build(), List.of(attempt(1, 0).build()),
                seen(1, Observation.exited(0).endedAs(Observation.Ending.CANCELLED_OUTSIDE)));
        assertThat(lostOnly.actions()).containsExactly(new Finish(1, ReplicaStatus.FAILED,
                TerminationReason.CANCELLED_OUTSIDE, 0));
        assertThat(lostOnly.status()).isNotEqualTo(RunStatus.FAILED);
    }

    @Test
    void anEndingSeenWhileTerminatingKeepsRunplanesOwnReason() {
        Planned planned = plan(service(0).build(), List.of(attempt(1, 0).terminating(TerminationReason.SCALED_DOWN,
                NOW.minusSeconds(1)).build()), seen(1, Observation.exited(0).endedAs(
                Observation.Ending.CANCELLED_OUTSIDE)));
        assertThat(planned.actions()).containsExactly(new Finish(1, ReplicaStatus.TERMINATED,
                TerminationReason.SCALED_DOWN, 0));
    }

    // --- retries ------------------------------------------------------------------------------------------------

    @Test
    void replicaFailingInThisPassIsNotRelaunchedBeforeItsBackoff() {
        Planned planned = plan(task(1).retry(ON_ERROR_TWICE).build(), List.of(attempt(1, 0).build()),
                seen(1, Observation.exited(3)));

        assertThat(planned.actions()).containsExactly(new Finish(1, ReplicaStatus.FAILED, EXITED_WITH_ERROR, 3));
        assertThat(planned.status().isFinished()).as("a run waiting for a retry is not over").isFalse();
    }

    @Test
    void firstRetryWaitsTenSecondsAfterTheFailure() {
        RunState run = task(1).retry(ON_ERROR_TWICE).build();
        Attempt failed = attempt(1, 0).failed(3, NOW).build();

        Planned justBefore = plan(run, List.of(failed), Map.of(), NOW.plus(Duration.ofMillis(9_999)));
        Planned atTenSeconds = plan(run, List.of(failed), Map.of(), NOW.plusSeconds(10));

        assertThat(justBefore.actions()).isEmpty();
        assertThat(justBefore.status().isFinished()).isFalse();
        assertThat(atTenSeconds.actions()).containsExactly(new Launch(0, 1));
        assertThat(atTenSeconds.status()).isEqualTo(RunStatus.SUBMITTED);
    }

    @Test
    void secondRetryWaitsTwentySecondsAfterTheSecondFailure() {
        RunState run = task(1).retry(ON_ERROR_TWICE).build();
        List<Attempt> twice = List.of(attempt(1, 0).failed(3, AN_HOUR_AGO).build(),
                attempt(2, 0).submission(1).failed(3, NOW).build());

        assertThat(plan(run, twice, Map.of(), NOW.plus(Duration.ofMillis(19_999))).actions()).isEmpty();
        assertThat(plan(run, twice, Map.of(), NOW.plusSeconds(20)).actions()).containsExactly(new Launch(0, 2));
    }

    @Test
    void taskFailsOnceTheRetryLimitIsUsedUp() {
        Planned planned = plan(task(1).retry(ON_ERROR_TWICE).build(), List.of(
                attempt(1, 0).failed(3, AN_HOUR_AGO).build(),
                attempt(2, 0).submission(1).failed(3, AN_HOUR_AGO).build(),
                attempt(3, 0).submission(2).failed(3, AN_HOUR_AGO).build()), Map.of());

        assertThat(planned.actions()).isEmpty();
        assertThat(planned.status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void lastAllowedFailureFailsTheTaskInThePassItIsSeen() {
        Planned planned = plan(task(1).retry(ON_ERROR_TWICE).build(), List.of(
                attempt(1, 0).failed(3, AN_HOUR_AGO).build(),
                attempt(2, 0).submission(1).failed(3, AN_HOUR_AGO).build(),
                attempt(3, 0).submission(2).build()), seen(3, Observation.exited(4)));

        assertThat(planned.actions()).containsExactly(new Finish(3, ReplicaStatus.FAILED, EXITED_WITH_ERROR, 4));
        assertThat(planned.status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void retryLimitCountsFailuresPerReplicaNumber() {
        Planned planned = plan(task(2).retry(retry(1, ERROR)).build(),
                attempt(1, 0).failed(3, AN_HOUR_AGO).build(), attempt(2, 1).failed(3, AN_HOUR_AGO).build());

        assertThat(planned.actions()).containsExactly(new Launch(0, 1), new Launch(1, 1));
    }

    @Test
    void retryLimitZeroNeverRetries() {
        Planned planned = plan(task(1).retry(retry(0, ERROR, RetryOn.LOST)).build(),
                attempt(1, 0).failed(3, AN_HOUR_AGO).build());

        assertThat(planned.actions()).isEmpty();
        assertThat(planned.status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void failedToStartIsRetriedAsAnError() {
        Planned planned = plan(task(1).retry(ON_ERROR_TWICE).build(),
                attempt(1, 0).ended(ReplicaStatus.FAILED, FAILED_TO_START, null, NOW.minusSeconds(10)).build());

        assertThat(planned.actions()).containsExactly(new Launch(0, 1));
    }

    @Test
    void lostReplicaIsNotRetriedWhenRetryCoversOnlyErrors() {
        Planned planned = plan(task(1).retry(ON_ERROR_TWICE).build(), attempt(1, 0).lost(AN_HOUR_AGO).build());

        assertThat(planned.actions()).isEmpty();
        assertThat(planned.status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void lostReplicaIsRetriedWhenRetryCoversLost() {
        Planned planned = plan(task(1).retry(retry(1, RetryOn.LOST)).build(),
                attempt(1, 0).lost(NOW.minusSeconds(10)).build());

        assertThat(planned.actions()).containsExactly(new Launch(0, 1));
    }

    @Test
    void errorIsNotRetriedWhenRetryCoversOnlyLost() {
        Planned planned = plan(task(1).retry(retry(3, RetryOn.LOST)).build(),
                attempt(1, 0).failed(1, AN_HOUR_AGO).build());

        assertThat(planned.actions()).isEmpty();
        assertThat(planned.status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void backoffDoublesFromTenSecondsUpToFiveMinutes() {
        assertThat(ReconcilePlan.backoff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(ReconcilePlan.backoff(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(ReconcilePlan.backoff(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(ReconcilePlan.backoff(4)).isEqualTo(Duration.ofSeconds(80));
        assertThat(ReconcilePlan.backoff(5)).isEqualTo(Duration.ofSeconds(160));
        assertThat(ReconcilePlan.backoff(6)).isEqualTo(Duration.ofMinutes(5));
        assertThat(ReconcilePlan.backoff(7)).isEqualTo(Duration.ofMinutes(5));
        assertThat(ReconcilePlan.backoff(1_000)).isEqualTo(Duration.ofMinutes(5));
    }

    // --- services -----------------------------------------------------------------------------------------------

    @Test
    void serviceWithOneReplicaFailedBeyondRetryKeepsRunningOnTheHealthyOnes() {
        Planned planned = plan(service(2).build(), List.of(attempt(1, 0).failed(1, NOW.minusSeconds(30)).build(),
                attempt(2, 1).build()), seen(2, Observation.running()));

        assertThat(planned.actions()).isEmpty();
        assertThat(planned.status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void serviceReplicaFailingDoesNotTouchTheOtherReplicas() {
        Planned planned = plan(service(2).build(), List.of(attempt(1, 0).build(), attempt(2, 1).build()),
                seen(1, Observation.exited(1), 2, Observation.running()));

        assertThat(planned.actions()).containsExactly(new Finish(1, ReplicaStatus.FAILED, EXITED_WITH_ERROR, 1));
        assertThat(planned.status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void serviceWithEveryReplicaFailedBeyondRetryFails() {
        Planned planned = plan(service(2).build(), List.of(attempt(1, 0).failed(1, NOW.minusSeconds(30)).build(),
                attempt(2, 1).build()), seen(2, Observation.vanished()));

        assertThat(planned.actions()).containsExactly(new Finish(2, ReplicaStatus.FAILED, LOST, null));
        assertThat(planned.status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void serviceReplacesAFailedReplicaUnderItsRetryPolicy() {
        Planned planned = plan(service(2).retry(retry(5, ERROR)).build(),
                attempt(1, 0).failed(1, NOW.minusSeconds(10)).build(), attempt(2, 1).build());

        assertThat(planned.actions()).containsExactly(new Launch(0, 1));
        assertThat(planned.status()).isEqualTo(RunStatus.RUNNING);
    }

    // --- restarts -----------------------------------------------------------------------------------------------

    @Test
    void restartRequestNewerThanTheSubmissionTerminatesItAsRestartedByUser() {
        Planned planned = plan(service(2).restartRequested(0, NOW.minusSeconds(1)).build(), attempt(1, 0).build(),
                attempt(2, 1).build());

        assertThat(planned.actions()).containsExactly(new Terminate(1, RESTARTED_BY_USER, TERM));
        assertThat(planned.actions()).noneMatch(a -> mentions(a, 2));
        assertThat(planned.status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void restartedReplicaIsLaunchedAgainAsTheNextSubmissionOnceItEnded() {
        Planned planned = plan(service(2).restartRequested(0, NOW.minusSeconds(5)).build(),
                attempt(1, 0).terminated(RESTARTED_BY_USER, NOW.minusSeconds(1)).build(), attempt(2, 1).build());

        assertThat(planned.actions()).containsExactly(new Launch(0, 1));
    }

    @Test
    void restartedReplicaEndingInThisPassIsLaunchedAgainAtOnce() {
        Planned planned = plan(service(1).restartRequested(0, NOW.minusSeconds(5)).build(),
                List.of(attempt(1, 0).terminating(RESTARTED_BY_USER, NOW.minusSeconds(4)).build()),
                seen(1, Observation.exited(143)));

        assertThat(planned.actions()).containsExactly(new Finish(1, ReplicaStatus.TERMINATED, RESTARTED_BY_USER,
                143), new Launch(0, 1));
        assertThat(planned.status()).isEqualTo(RunStatus.SUBMITTED);
    }

    @Test
    void restartRequestOlderThanTheCurrentSubmissionDoesNothing() {
        Planned planned = plan(service(1).restartRequested(0, NOW.minusSeconds(120)).build(),
                attempt(1, 0).terminated(RESTARTED_BY_USER, NOW.minusSeconds(90)).build(),
                attempt(2, 0).submission(1).submittedAt(NOW.minusSeconds(60)).startedAt(NOW.minusSeconds(59)).build());

        assertThat(planned.actions()).isEmpty();
        assertThat(planned.status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void restartRequestAtTheSameInstantAsTheSubmissionDoesNothing() {
        Instant at = NOW.minusSeconds(60);
        Planned planned = plan(service(1).restartRequested(0, at).build(), attempt(1, 0).submittedAt(at).build());

        assertThat(planned.actions()).isEmpty();
    }

    @Test
    void restartOfANotYetLaunchedSubmissionReplacesItDirectly() {
        Planned planned = plan(service(1).restartRequested(0, NOW.minusSeconds(1)).build(),
                attempt(1, 0).notLaunched().build());

        assertThat(planned.actions()).containsExactly(new Finish(1, ReplicaStatus.TERMINATED, RESTARTED_BY_USER,
                null), new Launch(0, 1));
    }

    @Test
    void restartRequestDoesNotSignalAReplicaThatIsAlreadyTerminating() {
        Planned planned = plan(service(1).restartRequested(0, NOW.minusSeconds(1)).build(),
                attempt(1, 0).terminating(RESTARTED_BY_USER, NOW.minusSeconds(1)).build());

        assertThat(planned.actions()).isEmpty();
    }

    @Test
    void restartedReplicaScaledDownMeanwhileIsNotLaunchedAgain() {
        Planned planned = plan(service(1).restartRequested(1, NOW.minusSeconds(5)).build(), attempt(1, 0).build(),
                attempt(2, 1).terminated(RESTARTED_BY_USER, NOW.minusSeconds(1)).build());

        assertThat(planned.actions()).isEmpty();
    }

    @Test
    void restartOfAServiceReplicaFailedBeyondRetryLaunchesANewSubmission() {
        Planned planned = plan(service(2).restartRequested(0, NOW.minusSeconds(1)).build(),
                attempt(1, 0).failed(1, NOW.minusSeconds(60)).build(), attempt(2, 1).build());

        assertThat(planned.actions()).containsExactly(new Launch(0, 1));
    }

    // --- max duration -------------------------------------------------------------------------------------------

    @Test
    void replicaRunningForMaxDurationIsTerminatedGracefully() {
        Planned planned = plan(task(1).maxDuration(Duration.ofHours(1)).build(),
                attempt(1, 0).startedAt(AN_HOUR_AGO).build());

        assertThat(planned.actions()).containsExactly(new Terminate(1, MAX_DURATION_EXCEEDED, TERM));
    }

    @Test
    void replicaJustUnderMaxDurationKeepsRunning() {
        Planned planned = plan(task(1).maxDuration(Duration.ofHours(1)).build(),
                attempt(1, 0).startedAt(AN_HOUR_AGO.plusMillis(1)).build());

        assertThat(planned.actions()).isEmpty();
    }

    @Test
    void withoutMaxDurationAReplicaRunsForever() {
        Planned planned = plan(service(1).build(), attempt(1, 0).startedAt(NOW.minus(Duration.ofDays(365))).build());

        assertThat(planned.actions()).isEmpty();
    }

    @Test
    void maxDurationCountsFromTheStartNotFromTheSubmission() {
        Planned planned = plan(task(1).maxDuration(Duration.ofMinutes(5)).build(),
                attempt(1, 0).provisioning().submittedAt(AN_HOUR_AGO).build());

        assertThat(planned.actions()).isEmpty();
    }

    @Test
    void replicaEndedForMaxDurationIsNotReplacedAndTheTaskFails() {
        Planned planned = plan(task(1).maxDuration(Duration.ofHours(1)).retry(retry(3, ERROR, RetryOn.LOST)).build(),
                attempt(1, 0).terminated(MAX_DURATION_EXCEEDED, NOW.minusSeconds(60)).build());

        assertThat(planned.actions()).isEmpty();
        assertThat(planned.status()).isEqualTo(RunStatus.FAILED);
    }

    // --- purity and steady state --------------------------------------------------------------------------------

    @Test
    void steadyStateProducesOnlyTheRunStatus() {
        Planned planned = plan(service(3).build(), List.of(attempt(1, 0).build(), attempt(2, 1).build(),
                        attempt(3, 2).build()),
                Map.of(1L, Observation.running(), 2L, Observation.running(), 3L, Observation.running()));

        assertThat(planned.all()).containsExactly(new SetRunStatus(RunStatus.RUNNING));
    }

    @Test
    void planningTwiceWithTheSameInputsGivesEqualActions() {
        RunState run = service(3).retry(ON_ERROR_TWICE).maxDuration(Duration.ofHours(2))
                .restartRequested(1, NOW.minusSeconds(3)).build();
        List<Attempt> attempts = List.of(
                attempt(1, 0).failed(1, NOW.minusSeconds(30)).build(),
                attempt(2, 1).build(),
                attempt(3, 2).provisioning().build(),
                attempt(4, 3).terminating(SCALED_DOWN, NOW.minusSeconds(11)).build(),
                attempt(5, 4).notLaunched().build());
        Map<Long, Observation> observations = Map.of(3L, Observation.running(), 4L, Observation.running());

        List<ReconcileAction> first = ReconcilePlan.plan(run, attempts, observations, NOW);
        List<ReconcileAction> second = ReconcilePlan.plan(run, attempts, observations, NOW);

        assertThat(first).isEqualTo(second).hasSizeGreaterThan(1);
    }

    @Test
    void planningLeavesItsInputsAsTheyWere() {
        RunState run = service(1).stop().build();
        List<Attempt> attempts = new ArrayList<>(List.of(attempt(1, 0).build(), attempt(2, 1).notLaunched().build()));
        Map<Long, Observation> observations = new HashMap<>(Map.of(1L, Observation.exited(0)));
        List<Attempt> attemptsBefore = List.copyOf(attempts);
        Map<Long, Observation> observationsBefore = Map.copyOf(observations);

        ReconcilePlan.plan(run, attempts, observations, NOW);

        assertThat(attempts).isEqualTo(attemptsBefore);
        assertThat(observations).isEqualTo(observationsBefore);
        assertThat(run.stopRequest()).isEqualTo(StopRequest.STOP);
    }

    @Test
    void returnedPlanCannotBeModified() {
        List<ReconcileAction> actions = ReconcilePlan.plan(task(1).build(), List.of(), Map.of(), NOW);

        assertThatThrownBy(() -> actions.add(new Kill(1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    // --- walks through several passes ---------------------------------------------------------------------------

    @Test
    void scalingOneToTwoToOneLeavesReplicaZeroRunningThroughout() {
        PlanSimulation sim = new PlanSimulation();
        assertThat(sim.pass(service(1).build()).actions()).containsExactly(new Launch(0, 0));
        sim.startPending();
        assertThat(sim.pass(service(1).build()).status()).isEqualTo(RunStatus.RUNNING);
        Attempt replicaZero = sim.latest(0);

        assertThat(sim.pass(service(2).build()).actions()).containsExactly(new Launch(1, 0));
        sim.startPending();
        assertThat(sim.pass(service(2).build()).actions()).containsExactly(new MarkRunning(sim.latest(1).id()));

        long replicaOne = sim.latest(1).id();
        Planned down = sim.pass(service(1).build());
        assertThat(down.actions()).containsExactly(new Terminate(replicaOne, SCALED_DOWN, TERM));
        assertThat(down.status()).isEqualTo(RunStatus.RUNNING);
        sim.exit(replicaOne, 143);
        Planned ended = sim.pass(service(1).build());
        assertThat(ended.actions()).containsExactly(new Finish(replicaOne, ReplicaStatus.TERMINATED, SCALED_DOWN,
                143));
        assertThat(ended.status()).isEqualTo(RunStatus.RUNNING);

        assertThat(sim.pass(service(1).build()).all()).containsExactly(new SetRunStatus(RunStatus.RUNNING));
        assertThat(sim.latest(0)).isEqualTo(replicaZero);
        assertThat(sim.latest(1).status()).isEqualTo(ReplicaStatus.TERMINATED);
    }

    @Test
    void gracefulStopOfAStubbornServiceKillsAfterTheGracePeriodAndEndsTerminated() {
        PlanSimulation sim = new PlanSimulation();
        sim.pass(service(2).build());
        sim.startPending();
        sim.pass(service(2).build());
        RunState stopped = service(2).stop().build();

        Planned stop = sim.pass(stopped);
        assertThat(stop.actions()).containsExactly(new Terminate(1, STOPPED_BY_USER, TERM),
                new Terminate(2, STOPPED_BY_USER, TERM));
        sim.advance(Duration.ofSeconds(9));
        assertThat(sim.pass(stopped).all()).containsExactly(new SetRunStatus(RunStatus.TERMINATING));
        sim.advance(Duration.ofSeconds(1));
        assertThat(sim.pass(stopped).actions()).containsExactly(new Kill(1), new Kill(2));

        Planned end = sim.pass(stopped);
        assertThat(end.actions()).containsExactly(new Finish(1, ReplicaStatus.TERMINATED, STOPPED_BY_USER, 137),
                new Finish(2, ReplicaStatus.TERMINATED, STOPPED_BY_USER, 137));
        assertThat(end.status()).isEqualTo(RunStatus.TERMINATED);
    }

    @Test
    void failingTaskIsRetriedWithGrowingBackoffThenFails() {
        PlanSimulation sim = new PlanSimulation();
        RunState run = task(1).retry(ON_ERROR_TWICE).build();
        for (int submission = 0; submission < 3; submission++) {
            if (submission > 0) {
                Duration backoff = ReconcilePlan.backoff(submission);
                sim.advance(backoff.minusMillis(1));
                assertThat(sim.pass(run).actions()).as("before backoff %s", backoff).isEmpty();
                sim.advance(Duration.ofMillis(1));
            }
            assertThat(sim.pass(run).actions()).containsExactly(new Launch(0, submission));
            sim.startPending();
            sim.pass(run);
            sim.exit(sim.latest(0).id(), 3);
            assertThat(sim.pass(run).actions()).containsExactly(new Finish(sim.latest(0).id(), ReplicaStatus.FAILED,
                    EXITED_WITH_ERROR, 3));
        }

        sim.advance(Duration.ofHours(1));
        assertThat(sim.pass(run).all()).containsExactly(new SetRunStatus(RunStatus.FAILED));
        assertThat(sim.attempts()).hasSize(3);
    }

    @Test
    void restartedReplicaComesBackAsTheNextSubmission() {
        PlanSimulation sim = new PlanSimulation();
        sim.pass(service(1).build());
        sim.startPending();
        sim.pass(service(1).build());
        sim.advance(Duration.ofMinutes(1));
        RunState restarted = service(1).restartRequested(0, sim.latest(0).submittedAt().plusSeconds(30)).build();

        assertThat(sim.pass(restarted).actions()).containsExactly(new Terminate(1, RESTARTED_BY_USER, TERM));
        sim.exit(1, 143);
        assertThat(sim.pass(restarted).actions()).containsExactly(
                new Finish(1, ReplicaStatus.TERMINATED, RESTARTED_BY_USER, 143), new Launch(0, 1));
        sim.startPending();
        sim.pass(restarted);
        assertThat(sim.pass(restarted).all()).containsExactly(new SetRunStatus(RunStatus.RUNNING));
    }

    // --- every planned move is legal ----------------------------------------------------------------------------

    @Test
    void everyPlannedMoveIsLegalInTheTransitionTable() {
        List<Attempt> shapes = List.of(
                attempt(1, 0).notLaunched().build(),
                attempt(1, 0).provisioning().build(),
                attempt(1, 0).running().build(),
                attempt(1, 0).terminating(SCALED_DOWN, NOW.minusSeconds(1)).build(),
                attempt(1, 0).terminating(STOPPED_BY_USER, NOW.minusSeconds(60)).build(),
                attempt(1, 0).terminating(ABORTED_BY_USER, NOW.minusSeconds(1)).build(),
                attempt(1, 0).terminating(RESTARTED_BY_USER, NOW.minusSeconds(1)).build());
        List<Observation> observations = Arrays.asList(null, Observation.pending(), Observation.running(),
                Observation.exited(0), Observation.exited(3), Observation.vanished());
        int checked = 0;
        for (Attempt shape : shapes) {
            for (Observation observation : observations) {
                for (StopRequest stop : StopRequest.values()) {
                    for (int desired = 0; desired <= 1; desired++) {
                        RunState run = new RunState(42, RunType.SERVICE, desired, stop,
                                retry(1, ERROR, RetryOn.LOST), Duration.ofMinutes(1), PlanFixtures.GRACE,
                                Map.of(0, NOW.minusSeconds(1)));
                        Map<Long, Observation> seen = observation == null ? Map.of() : Map.of(1L, observation);
                        ReplicaStatus current = shape.status();
                        for (ReconcileAction action : ReconcilePlan.plan(run, List.of(shape), seen, NOW)) {
                            ReplicaStatus target = switch (action) {
                                case MarkRunning a -> ReplicaStatus.RUNNING;
                                case Finish a -> a.status();
                                case Terminate a -> ReplicaStatus.TERMINATING;
                                default -> null;
                            };
                            if (target != null) {
                                checked++;
                                assertThat(current.canMoveTo(target))
                                        .as("%s -> %s for %s seeing %s, stop %s, desired %d", current, target,
                                                action, observation, stop, desired)
                                        .isTrue();
                                current = target;
                            }
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(50);
    }
}
