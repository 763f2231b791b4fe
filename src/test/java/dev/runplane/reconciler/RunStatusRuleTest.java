package dev.runplane.reconciler;

import static dev.runplane.reconciler.PlanFixtures.AN_HOUR_AGO;
import static dev.runplane.reconciler.PlanFixtures.NOW;
import static dev.runplane.reconciler.PlanFixtures.attempt;
import static dev.runplane.reconciler.PlanFixtures.retry;
import static dev.runplane.reconciler.PlanFixtures.service;
import static dev.runplane.reconciler.PlanFixtures.task;
import static dev.runplane.replicas.TerminationReason.ABORTED_BY_USER;
import static dev.runplane.replicas.TerminationReason.FAILED_TO_START;
import static dev.runplane.replicas.TerminationReason.MAX_DURATION_EXCEEDED;
import static dev.runplane.replicas.TerminationReason.RESTARTED_BY_USER;
import static dev.runplane.replicas.TerminationReason.SCALED_DOWN;
import static dev.runplane.replicas.TerminationReason.STOPPED_BY_USER;
import static dev.runplane.runs.spec.RunSpec.RetryOn.ERROR;
import static dev.runplane.runs.spec.RunSpec.RetryOn.LOST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.replicas.ReplicaStatus;
import dev.runplane.runs.RunStatus;
import dev.runplane.runs.spec.RunSpec.Retry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DESIGN.md, "Statuses": the run status is derived from the current replicas by one pure function. */
class RunStatusRuleTest {

    private static RunStatus derive(RunState run, Attempt... attempts) {
        return RunStatusRule.derive(run, List.of(attempts), NOW);
    }

    // --- stop ---------------------------------------------------------------------------------------------------

    @Test
    void stopRequestedIsTerminatingWhileAnyReplicaIsActive() {
        assertThat(derive(service(2).stop().build(), attempt(1, 0).build(),
                attempt(2, 1).terminated(STOPPED_BY_USER, NOW).build())).isEqualTo(RunStatus.TERMINATING);
        assertThat(derive(service(1).stop().build(),
                attempt(1, 0).terminating(STOPPED_BY_USER, NOW).build())).isEqualTo(RunStatus.TERMINATING);
        assertThat(derive(service(1).abort().build(),
                attempt(1, 0).terminating(ABORTED_BY_USER, NOW).build())).isEqualTo(RunStatus.TERMINATING);
    }

    @Test
    void stopRequestedIsTerminatedOnceNoReplicaIsActive() {
        assertThat(derive(service(1).stop().build(), attempt(1, 0).terminated(STOPPED_BY_USER, NOW).build()))
                .isEqualTo(RunStatus.TERMINATED);
        assertThat(derive(service(1).abort().build(), attempt(1, 0).ended(ReplicaStatus.ABORTED, ABORTED_BY_USER,
                137, NOW).build())).isEqualTo(RunStatus.TERMINATED);
        assertThat(derive(task(3).stop().build())).isEqualTo(RunStatus.TERMINATED);
    }

    @Test
    void aTerminatingScaledDownReplicaKeepsAStoppedRunTerminating() {
        assertThat(derive(service(1).stop().build(), attempt(1, 0).terminated(STOPPED_BY_USER, NOW).build(),
                attempt(2, 1).terminating(SCALED_DOWN, NOW).build())).isEqualTo(RunStatus.TERMINATING);
    }

    // --- scaled to zero -----------------------------------------------------------------------------------------

    @Test
    void desiredZeroIsPendingNotTerminated() {
        assertThat(derive(service(0).build())).isEqualTo(RunStatus.PENDING);
        assertThat(derive(task(0).build(), attempt(1, 0).terminated(SCALED_DOWN, NOW).build()))
                .isEqualTo(RunStatus.PENDING);
    }

    @Test
    void desiredZeroIsPendingEvenWhileReplicasStillTerminate() {
        assertThat(derive(service(0).build(), attempt(1, 0).terminating(SCALED_DOWN, NOW).build()))
                .isEqualTo(RunStatus.PENDING);
    }

    // --- the most advanced current replica ----------------------------------------------------------------------

    @Test
    void runningWinsOverProvisioningAndSubmitted() {
        assertThat(derive(service(3).build(), attempt(1, 0).notLaunched().build(),
                attempt(2, 1).provisioning().build(), attempt(3, 2).running().build())).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void provisioningWinsOverSubmitted() {
        assertThat(derive(service(2).build(), attempt(1, 0).notLaunched().build(),
                attempt(2, 1).provisioning().build())).isEqualTo(RunStatus.PROVISIONING);
    }

    @Test
    void onlySubmittedReplicasMakeASubmittedRun() {
        assertThat(derive(task(2).build(), attempt(1, 0).notLaunched().build(), attempt(2, 1).notLaunched().build()))
                .isEqualTo(RunStatus.SUBMITTED);
        assertThat(derive(task(2).build())).isEqualTo(RunStatus.SUBMITTED);
    }

    @Test
    void onlyTheLatestSubmissionOfAReplicaCounts() {
        assertThat(derive(task(1).retry(retry(1, ERROR)).build(), attempt(1, 0).failed(3, AN_HOUR_AGO).build(),
                attempt(2, 0).submission(1).done(NOW).build())).isEqualTo(RunStatus.DONE);
        assertThat(derive(service(1).build(), attempt(1, 0).terminated(RESTARTED_BY_USER, AN_HOUR_AGO).build(),
                attempt(2, 0).submission(1).provisioning().build())).isEqualTo(RunStatus.PROVISIONING);
    }

    @Test
    void submissionOrderInTheListDoesNotMatter() {
        Attempt older = attempt(1, 0).failed(3, AN_HOUR_AGO).build();
        Attempt newer = attempt(2, 0).submission(1).done(NOW).build();
        RunState run = task(1).retry(retry(1, ERROR)).build();

        assertThat(RunStatusRule.derive(run, List.of(newer, older), NOW)).isEqualTo(RunStatus.DONE);
    }

    // --- tasks --------------------------------------------------------------------------------------------------

    @Test
    void taskWithEveryCurrentReplicaDoneIsDone() {
        assertThat(derive(task(2).build(), attempt(1, 0).done(NOW).build(), attempt(2, 1).done(AN_HOUR_AGO).build()))
                .isEqualTo(RunStatus.DONE);
    }

    @Test
    void taskIsNotDoneWhileAReplicaWasNeverLaunched() {
        assertThat(derive(task(2).build(), attempt(1, 0).done(NOW).build())).isEqualTo(RunStatus.SUBMITTED);
    }

    @Test
    void taskIsRunningWhileAnyCurrentReplicaRuns() {
        assertThat(derive(task(2).build(), attempt(1, 0).done(NOW).build(), attempt(2, 1).build()))
                .isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void taskWithAReplicaFailedBeyondRetryFailsOnceNothingIsActive() {
        assertThat(derive(task(2).build(), attempt(1, 0).failed(3, NOW).build(), attempt(2, 1).done(NOW).build()))
                .isEqualTo(RunStatus.FAILED);
        assertThat(derive(task(1).build(), attempt(1, 0).failed(3, NOW).build())).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void taskWithAReplicaFailedBeyondRetryKeepsRunningWhileOthersRun() {
        assertThat(derive(task(2).build(), attempt(1, 0).failed(3, NOW).build(), attempt(2, 1).build()))
                .isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void taskWaitingToRetryAFailedReplicaIsNotFinished() {
        RunStatus status = derive(task(1).retry(retry(2, ERROR)).build(), attempt(1, 0).failed(3, NOW).build());

        assertThat(status.isFinished()).isFalse();
    }

    @Test
    void taskWithALostReplicaNotCoveredByRetryFails() {
        assertThat(derive(task(1).retry(retry(2, ERROR)).build(), attempt(1, 0).lost(NOW).build()))
                .isEqualTo(RunStatus.FAILED);
    }

    @Test
    void taskWhoseReplicaEndedForMaxDurationFails() {
        assertThat(derive(task(1).maxDuration(Duration.ofHours(1)).build(),
                attempt(1, 0).terminated(MAX_DURATION_EXCEEDED, NOW).build())).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void currentReplicaThatIsTerminatingKeepsTheRunRunning() {
        assertThat(derive(task(1).maxDuration(Duration.ofHours(1)).build(),
                attempt(1, 0).terminating(MAX_DURATION_EXCEEDED, NOW).build())).isEqualTo(RunStatus.RUNNING);
        assertThat(derive(service(1).restartRequested(0, NOW).build(),
                attempt(1, 0).terminating(RESTARTED_BY_USER, NOW).build())).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void taskWithDoneReplicasAndAScaledDownOneStillTerminatingIsRunning() {
        assertThat(derive(task(1).build(), attempt(1, 0).done(NOW).build(),
                attempt(2, 1).terminating(SCALED_DOWN, NOW).build())).isEqualTo(RunStatus.RUNNING);
    }

    // --- services -----------------------------------------------------------------------------------------------

    @Test
    void oneBadServiceReplicaNeverTakesTheHealthyOnesDown() {
        assertThat(derive(service(3).build(), attempt(1, 0).failed(1, NOW).build(), attempt(2, 1).build(),
                attempt(3, 2).lost(NOW).build())).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void serviceWithEveryReplicaFailedBeyondRetryFails() {
        assertThat(derive(service(2).build(), attempt(1, 0).failed(1, NOW).build(), attempt(2, 1).lost(NOW).build()))
                .isEqualTo(RunStatus.FAILED);
    }

    @Test
    void serviceWhoseReplicasEndedForGoodWithOneFailureFails() {
        assertThat(derive(service(2).build(), attempt(1, 0).failed(1, NOW).build(), attempt(2, 1).done(NOW).build()))
                .isEqualTo(RunStatus.FAILED);
    }

    @Test
    void serviceWhoseReplicasAllExitedZeroIsDone() {
        assertThat(derive(service(2).build(), attempt(1, 0).done(NOW).build(), attempt(2, 1).done(NOW).build()))
                .isEqualTo(RunStatus.DONE);
    }

    @Test
    void serviceWaitingToReplaceAFailedReplicaIsNotFinished() {
        RunStatus status = derive(service(1).retry(retry(5, ERROR, LOST)).build(), attempt(1, 0).lost(NOW).build());

        assertThat(status.isFinished()).isFalse();
    }

    @Test
    void serviceWaitingToRelaunchAScaledDownReplicaIsNotFinished() {
        assertThat(derive(service(1).build(), attempt(1, 0).terminated(SCALED_DOWN, NOW).build()).isFinished())
                .isFalse();
    }

    // --- exhausted, retries and failure counts ------------------------------------------------------------------

    @Test
    void failedReplicaWithoutRetryIsExhausted() {
        RunState run = task(1).build();
        Attempt failed = attempt(1, 0).failed(1, NOW).build();

        assertThat(RunStatusRule.isExhausted(run, List.of(failed), failed)).isTrue();
    }

    @Test
    void failedReplicaIsExhaustedOnlyOnceItsRetriesAreUsedUp() {
        RunState run = task(1).retry(retry(2, ERROR)).build();
        Attempt first = attempt(1, 0).failed(1, NOW).build();
        Attempt second = attempt(2, 0).submission(1).failed(1, NOW).build();
        Attempt third = attempt(3, 0).submission(2).failed(1, NOW).build();

        assertThat(RunStatusRule.isExhausted(run, List.of(first), first)).isFalse();
        assertThat(RunStatusRule.isExhausted(run, List.of(first, second), second)).isFalse();
        assertThat(RunStatusRule.isExhausted(run, List.of(first, second, third), third)).isTrue();
    }

    @Test
    void onlyFailuresAndMaxDurationEndingsAreExhausted() {
        RunState run = task(1).build();
        List<Attempt> notExhausted = List.of(
                attempt(1, 0).done(NOW).build(),
                attempt(1, 0).terminated(SCALED_DOWN, NOW).build(),
                attempt(1, 0).terminated(RESTARTED_BY_USER, NOW).build(),
                attempt(1, 0).terminated(STOPPED_BY_USER, NOW).build(),
                attempt(1, 0).terminating(MAX_DURATION_EXCEEDED, NOW).build(),
                attempt(1, 0).build());

        for (Attempt attempt : notExhausted) {
            assertThat(RunStatusRule.isExhausted(run, List.of(attempt), attempt)).as("%s", attempt).isFalse();
        }
        Attempt overTime = attempt(1, 0).terminated(MAX_DURATION_EXCEEDED, NOW).build();
        assertThat(RunStatusRule.isExhausted(run, List.of(overTime), overTime)).isTrue();
    }

    @Test
    void retryIsAllowedWhileFailuresAreWithinTheLimit() {
        RunState run = task(1).retry(retry(2, ERROR)).build();
        Attempt failed = attempt(1, 0).failed(1, NOW).build();

        assertThat(RunStatusRule.mayRetry(run, failed, 1)).isTrue();
        assertThat(RunStatusRule.mayRetry(run, failed, 2)).isTrue();
        assertThat(RunStatusRule.mayRetry(run, failed, 3)).isFalse();
    }

    @Test
    void lostIsRetriedOnlyUnderLostAndEverythingElseOnlyUnderError() {
        Attempt lost = attempt(1, 0).lost(NOW).build();
        Attempt error = attempt(1, 0).failed(1, NOW).build();
        Attempt failedToStart = attempt(1, 0).ended(ReplicaStatus.FAILED, FAILED_TO_START, null, NOW).build();
        RunState onError = task(1).retry(retry(1, ERROR)).build();
        RunState onLost = task(1).retry(retry(1, LOST)).build();

        assertThat(RunStatusRule.mayRetry(onError, lost, 1)).isFalse();
        assertThat(RunStatusRule.mayRetry(onError, error, 1)).isTrue();
        assertThat(RunStatusRule.mayRetry(onError, failedToStart, 1)).isTrue();
        assertThat(RunStatusRule.mayRetry(onLost, lost, 1)).isTrue();
        assertThat(RunStatusRule.mayRetry(onLost, error, 1)).isFalse();
        assertThat(RunStatusRule.mayRetry(onLost, failedToStart, 1)).isFalse();
    }

    @Test
    void retryWithLimitZeroOrNoCausesCoversNothing() {
        assertThat(retry(0, ERROR, LOST).covers(ERROR)).isFalse();
        assertThat(Retry.NONE.covers(ERROR)).isFalse();
        assertThat(Retry.NONE.covers(LOST)).isFalse();
    }

    @Test
    void failuresCountOnlyFailedSubmissionsOfThatReplicaNumber() {
        List<Attempt> attempts = List.of(
                attempt(1, 0).failed(1, AN_HOUR_AGO).build(),
                attempt(2, 0).submission(1).lost(AN_HOUR_AGO).build(),
                attempt(3, 0).submission(2).terminated(RESTARTED_BY_USER, NOW).build(),
                attempt(4, 0).submission(3).build(),
                attempt(5, 1).failed(1, NOW).build());

        assertThat(RunStatusRule.failures(attempts, 0)).isEqualTo(2);
        assertThat(RunStatusRule.failures(attempts, 1)).isEqualTo(1);
        assertThat(RunStatusRule.failures(attempts, 2)).isZero();
    }
}
