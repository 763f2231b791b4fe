package dev.runplane.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.replicas.ReplicaSlots.RetryPolicy;
import dev.runplane.replicas.ReplicaSlots.Rules;
import dev.runplane.replicas.ReplicaSlots.Slot;
import dev.runplane.replicas.ReplicaSlots.Slots;
import dev.runplane.replicas.ReplicaSlots.State;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one definition of current replicas (DESIGN.md, rule 5), case by case. */
class ReplicaSlotsTest {
    private static final Instant NOW = Instant.parse("2026-12-02T02:00:00Z");

    record Sub(int replicaNum, int submissionNum, ReplicaStatus status, TerminationReason terminationReason,
               Integer exitCode, Instant submittedAt, Instant finishedAt) implements ReplicaSlots.Submission {
    }

    private static Sub running(int replica, int submission) {
        return new Sub(replica, submission, ReplicaStatus.RUNNING, null, null, NOW.minusSeconds(60), null);
    }

    private static Sub ended(int replica, int submission, ReplicaStatus status, TerminationReason reason,
                             Integer exit, int secondsAgo) {
        return new Sub(replica, submission, status, reason, exit, NOW.minusSeconds(120),
                NOW.minusSeconds(secondsAgo));
    }

    private static Slots<Sub> slots(int desired, List<Sub> subs) {
        return ReplicaSlots.of(new Rules(desired, false, RetryPolicy.NONE, Map.of()), subs, NOW);
    }

    @Test
    void aScaledDownSubmissionScaledBackIsAPendingSlotNeverTheEndedSubmission() {
        Sub scaledDown = ended(1, 0, ReplicaStatus.TERMINATED, TerminationReason.SCALED_DOWN, 143, 5);
        Slots<Sub> slots = slots(2, List.of(running(0, 0), scaledDown));

        assertThat(slots.current()).hasSize(2);
        Slot<Sub> one = slots.current().get(1);
        assertThat(one.state()).isEqualTo(State.PENDING);
        assertThat(one.submission()).isNull();
        assertThat(one.message()).isEqualTo("waiting to start");
        assertThat(slots.history()).containsExactly(scaledDown);
        assertThat(slots.runningReplicas()).isEqualTo(1);
    }

    @Test
    void aSubmissionAboveTheDesiredCountStillTerminatingIsListedAsLeavingAndNotCounted() {
        Sub leaving = new Sub(1, 0, ReplicaStatus.TERMINATING, TerminationReason.SCALED_DOWN, null, NOW, null);
        Slots<Sub> slots = slots(1, List.of(running(0, 0), leaving));

        assertThat(slots.current()).extracting(Slot::state).containsExactly(State.LIVE, State.LEAVING);
        assertThat(slots.current().get(1).counted()).isFalse();
        assertThat(slots.runningReplicas()).isEqualTo(1);
        assertThat(slots.history()).isEmpty();
    }

    @Test
    void aRunningSubmissionAboveTheDesiredCountIsNotCountedAsRunning() {
        Slots<Sub> slots = slots(1, List.of(running(0, 0), running(1, 0)));
        assertThat(slots.runningReplicas()).isEqualTo(1);
        assertThat(slots.current().get(1).state()).isEqualTo(State.LEAVING);
    }

    @Test
    void aFailureTheRetryPolicyCoversIsAPendingSlotWithItsNextAttempt() {
        Sub failed = ended(0, 0, ReplicaStatus.FAILED, TerminationReason.EXITED_WITH_ERROR, 3, 2);
        Slots<Sub> slots = ReplicaSlots.of(new Rules(1, false, new RetryPolicy(true, false, 2), Map.of()),
                List.of(failed), NOW);

        Slot<Sub> slot = slots.current().getFirst();
        assertThat(slot.state()).isEqualTo(State.PENDING);
        assertThat(slot.nextAttemptAt()).isEqualTo(NOW.plusSeconds(8));
        assertThat(slot.message()).isEqualTo("exited with code 3; retry 1 of 2 in 8 s");
        assertThat(slots.retryingReplicas()).isEqualTo(1);
        assertThat(ReplicaSlots.dueAt(slot, NOW)).isFalse();
        assertThat(ReplicaSlots.dueAt(slot, NOW.plusSeconds(8))).isTrue();
        assertThat(slots.history()).containsExactly(failed);
    }

    @Test
    void aFailureBeyondItsRetriesEndsTheSlot() {
        List<Sub> subs = List.of(ended(0, 0, ReplicaStatus.FAILED, TerminationReason.EXITED_WITH_ERROR, 3, 50),
                ended(0, 1, ReplicaStatus.FAILED, TerminationReason.EXITED_WITH_ERROR, 3, 30),
                ended(0, 2, ReplicaStatus.FAILED, TerminationReason.EXITED_WITH_ERROR, 3, 1));
        Slots<Sub> slots = ReplicaSlots.of(new Rules(1, false, new RetryPolicy(true, false, 2), Map.of()), subs,
                NOW);

        assertThat(slots.current()).isEmpty();
        assertThat(slots.finished()).containsEntry(0, subs.get(2));
        assertThat(slots.history()).hasSize(3).first().isEqualTo(subs.get(2));
    }

    @Test
    void aRestartAskedAfterTheSubmissionEndedIsPending() {
        Sub done = ended(0, 0, ReplicaStatus.DONE, TerminationReason.DONE, 0, 10);
        assertThat(slots(1, List.of(done)).current()).isEmpty();
        Slots<Sub> restarted = ReplicaSlots.of(new Rules(1, false, RetryPolicy.NONE, Map.of(0, NOW)),
                List.of(done), NOW);
        assertThat(restarted.current()).extracting(Slot::message).containsExactly("restarting");
    }

    @Test
    void aStoppedRunHasNoPendingSlotsAndItsEndedSubmissionsAreHistory() {
        Sub stopped = ended(0, 0, ReplicaStatus.TERMINATED, TerminationReason.STOPPED_BY_USER, 143, 1);
        Slots<Sub> slots = ReplicaSlots.of(new Rules(2, true, RetryPolicy.NONE, Map.of()), List.of(stopped), NOW);
        assertThat(slots.current()).isEmpty();
        assertThat(slots.history()).containsExactly(stopped);
    }

    @Test
    void aNewSlotWaitsToStart() {
        Slots<Sub> slots = slots(2, List.of());
        assertThat(slots.current()).extracting(Slot::replicaNum).containsExactly(0, 1);
        assertThat(slots.current()).allMatch(Slot::pending);
    }

    @Test
    void aRunningRunsLogShowsItsLiveSubmissionsLeavingOnesIncludedNotItsHistory() {
        Sub scaledDown = ended(1, 0, ReplicaStatus.TERMINATED, TerminationReason.SCALED_DOWN, 143, 30);
        Sub replacement = running(1, 1);
        Sub leaving = new Sub(2, 0, ReplicaStatus.TERMINATING, TerminationReason.SCALED_DOWN, null, NOW, null);
        List<Sub> subs = List.of(running(0, 0), scaledDown, replacement, leaving);

        assertThat(ReplicaSlots.logged(2, subs, NOW)).containsExactly(subs.get(0), replacement, leaving);
        assertThat(ReplicaSlots.logged(2, List.of(subs.get(0), replacement, leaving), NOW))
                .as("the live submissions alone give the same answer").containsExactly(subs.get(0), replacement,
                        leaving);
    }

    @Test
    void aFinishedRunsLogShowsEachSlotsNewestSubmissionAndNothingAboveTheDesiredCount() {
        Sub failedFirst = ended(0, 0, ReplicaStatus.FAILED, TerminationReason.EXITED_WITH_ERROR, 3, 40);
        Sub doneSecond = ended(0, 1, ReplicaStatus.DONE, TerminationReason.DONE, 0, 20);
        Sub onlyOne = ended(1, 0, ReplicaStatus.DONE, TerminationReason.DONE, 0, 10);
        Sub scaledAway = ended(2, 0, ReplicaStatus.TERMINATED, TerminationReason.SCALED_DOWN, 143, 50);
        List<Sub> subs = List.of(doneSecond, scaledAway, onlyOne, failedFirst);

        assertThat(ReplicaSlots.logged(2, subs, NOW)).containsExactly(doneSecond, onlyOne);
        assertThat(ReplicaSlots.logged(2, List.of(), NOW)).isEmpty();
    }

    @Test
    void aStoppedRunsLogShowsWhatItsSlotsRanLast() {
        Sub stopped = ended(0, 2, ReplicaStatus.TERMINATED, TerminationReason.STOPPED_BY_USER, 143, 1);
        Sub restarted = ended(0, 1, ReplicaStatus.TERMINATED, TerminationReason.RESTARTED_BY_USER, 143, 60);

        assertThat(ReplicaSlots.logged(1, List.of(restarted, stopped), NOW)).containsExactly(stopped);
    }
}
