package dev.runplane.reconciler;

import static dev.runplane.reconciler.PlanFixtures.AN_HOUR_AGO;
import static dev.runplane.reconciler.PlanFixtures.NOW;
import static dev.runplane.reconciler.PlanFixtures.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.execution.Observation;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which time a finished replica ends at (issue 12, item 3): its own record, else the last time it was seen alive. */
class EndTimeTest {
    private static final Attempt RUNNING_FOR_AN_HOUR = attempt(1, 0).build();

    @Test
    void aRecordedEndIsUsedNotTheTimeItWasNoticed() {
        Instant ended = NOW.minusSeconds(20);
        EndTime end = EndTime.of(Observation.exited(0, ended), RUNNING_FOR_AN_HOUR, NOW.minusSeconds(25), null, NOW);
        assertThat(end).isEqualTo(new EndTime(ended, null));
    }

    @Test
    void anEndWithoutARecordedTimeIsWhenItWasNoticed() {
        assertThat(EndTime.of(Observation.exited(3), RUNNING_FOR_AN_HOUR, null, null, NOW))
                .isEqualTo(new EndTime(NOW, null));
    }

    @Test
    void aRecordedEndIsNeverInTheFutureNorBeforeItWasLastSeenAlive() {
        assertThat(EndTime.of(Observation.exited(0, NOW.plusSeconds(5)), RUNNING_FOR_AN_HOUR, null, null, NOW).at())
                .isEqualTo(NOW);
        Instant seen = NOW.minusMillis(500);
        assertThat(EndTime.of(Observation.exited(0, seen.minusMillis(3)), RUNNING_FOR_AN_HOUR, seen, null, NOW).at())
                .isEqualTo(seen);
    }

    @Test
    void aReplicaThatVanishedWhileWatchedEndsWhenLastSeenAliveWithinASecond() {
        Instant seen = NOW.minusMillis(500);
        EndTime end = EndTime.of(Observation.vanished(), RUNNING_FOR_AN_HOUR, seen, NOW.minusSeconds(1), NOW);
        assertThat(end.at()).isEqualTo(seen);
        assertThat(end.message()).isEqualTo("process vanished; end time is the last time it was seen alive (±1 s)");
    }

    /** After a crash this node remembers nothing: the run's persisted time is what an earlier process saw. */
    @Test
    void afterACrashTheRunsPersistedSightingDatesItAndTheMessageSaysHowLongItWentUnseen() {
        Instant beforeTheCrash = NOW.minus(Duration.ofSeconds(14));
        EndTime end = EndTime.of(Observation.vanished(), RUNNING_FOR_AN_HOUR, null, beforeTheCrash, NOW);
        assertThat(end.at()).isEqualTo(beforeTheCrash);
        assertThat(end.message()).isEqualTo("process vanished; end time is the last time it was seen alive, 14 s "
                + "before it was found gone (it was not observed in between, e.g. while the server was down)");
    }

    @Test
    void aReplicaNeverSeenSinceItsLaunchEndsAtItsStart() {
        Attempt launchedAfterTheLastSighting = attempt(2, 0).build();
        EndTime end = EndTime.of(Observation.vanished(), launchedAfterTheLastSighting, null,
                AN_HOUR_AGO.minusSeconds(60), NOW);
        assertThat(end.at()).isEqualTo(launchedAfterTheLastSighting.startedAt());
    }

    @Test
    void aReplicaThatNeverLaunchedEndsNow() {
        assertThat(EndTime.of(null, RUNNING_FOR_AN_HOUR, null, null, NOW)).isEqualTo(new EndTime(NOW, null));
    }
}
