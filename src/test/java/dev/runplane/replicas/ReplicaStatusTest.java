package dev.runplane.replicas;

import static dev.runplane.replicas.ReplicaStatus.ABORTED;
import static dev.runplane.replicas.ReplicaStatus.DONE;
import static dev.runplane.replicas.ReplicaStatus.FAILED;
import static dev.runplane.replicas.ReplicaStatus.PROVISIONING;
import static dev.runplane.replicas.ReplicaStatus.RUNNING;
import static dev.runplane.replicas.ReplicaStatus.SUBMITTED;
import static dev.runplane.replicas.ReplicaStatus.TERMINATED;
import static dev.runplane.replicas.ReplicaStatus.TERMINATING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** DESIGN.md, "Statuses": one table of legal transitions; an illegal move throws and names the current status. */
class ReplicaStatusTest {

    /** The table as this test expects it, written out independently of the code. */
    private static final Map<ReplicaStatus, Set<ReplicaStatus>> EXPECTED = Map.of(
            SUBMITTED, EnumSet.of(PROVISIONING, RUNNING, TERMINATING, TERMINATED, ABORTED, FAILED),
            PROVISIONING, EnumSet.of(RUNNING, TERMINATING, TERMINATED, ABORTED, DONE, FAILED),
            RUNNING, EnumSet.of(TERMINATING, TERMINATED, ABORTED, DONE, FAILED),
            TERMINATING, EnumSet.of(TERMINATED, ABORTED),
            TERMINATED, EnumSet.noneOf(ReplicaStatus.class),
            ABORTED, EnumSet.noneOf(ReplicaStatus.class),
            DONE, EnumSet.noneOf(ReplicaStatus.class),
            FAILED, EnumSet.noneOf(ReplicaStatus.class));

    static Stream<Arguments> legalMoves() {
        List<Arguments> moves = new ArrayList<>();
        EXPECTED.forEach((from, targets) -> targets.forEach(to -> moves.add(Arguments.of(from, to))));
        return moves.stream();
    }

    static Stream<Arguments> illegalMoves() {
        List<Arguments> moves = new ArrayList<>();
        for (ReplicaStatus from : ReplicaStatus.values()) {
            for (ReplicaStatus to : ReplicaStatus.values()) {
                if (!EXPECTED.get(from).contains(to)) {
                    moves.add(Arguments.of(from, to));
                }
            }
        }
        return moves.stream();
    }

    @ParameterizedTest(name = "{0} -> {1} is legal")
    @MethodSource("legalMoves")
    void everyMoveInTheTableIsLegal(ReplicaStatus from, ReplicaStatus to) {
        assertThat(from.canMoveTo(to)).isTrue();
        assertThatCode(() -> from.checkMoveTo(to)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} -> {1} is illegal")
    @MethodSource("illegalMoves")
    void everyMoveOutsideTheTableThrowsNamingTheCurrentStatus(ReplicaStatus from, ReplicaStatus to) {
        assertThat(from.canMoveTo(to)).isFalse();
        assertThatThrownBy(() -> from.checkMoveTo(to))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("status " + from.name())
                .hasMessageContaining(to.name());
    }

    @Test
    void theDesignLifecycleIsLegal() {
        assertThat(SUBMITTED.canMoveTo(PROVISIONING)).isTrue();
        assertThat(PROVISIONING.canMoveTo(RUNNING)).isTrue();
        assertThat(RUNNING.canMoveTo(TERMINATING)).isTrue();
        assertThat(TERMINATING.canMoveTo(TERMINATED)).isTrue();
        assertThat(TERMINATING.canMoveTo(ABORTED)).isTrue();
        assertThat(RUNNING.canMoveTo(DONE)).isTrue();
        assertThat(RUNNING.canMoveTo(FAILED)).isTrue();
        assertThat(SUBMITTED.canMoveTo(FAILED)).isTrue();
        assertThat(PROVISIONING.canMoveTo(FAILED)).isTrue();
    }

    @Test
    void fastReplicaMayExitBeforeItWasSeenRunning() {
        assertThat(PROVISIONING.canMoveTo(DONE)).isTrue();
    }

    @Test
    void neverLaunchedReplicaCanBeCancelledWithoutTerminating() {
        assertThat(SUBMITTED.canMoveTo(TERMINATED)).isTrue();
        assertThat(SUBMITTED.canMoveTo(ABORTED)).isTrue();
    }

    @Test
    void aFewIllegalMovesThrowWithTheCurrentStatusInTheMessage() {
        assertThatThrownBy(() -> RUNNING.checkMoveTo(SUBMITTED))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("RUNNING");
        assertThatThrownBy(() -> RUNNING.checkMoveTo(PROVISIONING))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("RUNNING");
        assertThatThrownBy(() -> TERMINATING.checkMoveTo(RUNNING))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TERMINATING");
        assertThatThrownBy(() -> TERMINATING.checkMoveTo(DONE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TERMINATING");
        assertThatThrownBy(() -> SUBMITTED.checkMoveTo(DONE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SUBMITTED");
        assertThatThrownBy(() -> DONE.checkMoveTo(RUNNING))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DONE");
        assertThatThrownBy(() -> FAILED.checkMoveTo(SUBMITTED))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("FAILED");
        assertThatThrownBy(() -> TERMINATED.checkMoveTo(TERMINATING))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TERMINATED");
    }

    @ParameterizedTest
    @EnumSource(value = ReplicaStatus.class, names = {"TERMINATED", "ABORTED", "DONE", "FAILED"})
    void terminalStatusesHaveNoWayOut(ReplicaStatus terminal) {
        assertThat(terminal.isFinished()).isTrue();
        for (ReplicaStatus next : ReplicaStatus.values()) {
            assertThat(terminal.canMoveTo(next)).as("%s -> %s", terminal, next).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(ReplicaStatus.class)
    void noStatusMovesToItself(ReplicaStatus status) {
        assertThat(status.canMoveTo(status)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ReplicaStatus.class)
    void nothingGoesBackToSubmitted(ReplicaStatus status) {
        assertThat(status.canMoveTo(SUBMITTED)).isFalse();
    }

    @Test
    void activeStatusesAreExactlyThoseBeforeTheEnd() {
        assertThat(EnumSet.allOf(ReplicaStatus.class).stream().filter(ReplicaStatus::isActive))
                .containsExactlyInAnyOrder(SUBMITTED, PROVISIONING, RUNNING, TERMINATING);
        for (ReplicaStatus status : ReplicaStatus.values()) {
            assertThat(status.isFinished()).as("%s", status).isEqualTo(!status.isActive());
        }
    }

    @Test
    void everyActiveStatusCanStillEnd() {
        for (ReplicaStatus status : ReplicaStatus.values()) {
            if (status.isActive()) {
                assertThat(EnumSet.allOf(ReplicaStatus.class).stream().filter(status::canMoveTo))
                        .as("%s", status).anyMatch(ReplicaStatus::isFinished);
            }
        }
    }

    @Test
    void aTerminatingReplicaEndsOnlyAsTerminatedOrAborted() {
        assertThat(EnumSet.allOf(ReplicaStatus.class).stream().filter(TERMINATING::canMoveTo))
                .containsExactlyInAnyOrder(TERMINATED, ABORTED);
    }
}
