package dev.runplane.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.runs.spec.RunSpec.Probe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeStateTest {
    private static final Instant T0 = Instant.parse("2026-12-02T06:00:00Z");
    private static final Probe HTTP = new Probe(Probe.Type.HTTP, "/ready", Duration.ofSeconds(1),
            Duration.ofSeconds(1), 2, 3);

    @Test
    void becomesReadyOnlyAfterReadyAfterPassesInARow() {
        ProbeState state = new ProbeState(List.of(HTTP), T0);
        assertThat(state.report(0, null, T0)).isEqualTo(ProbeState.Change.NONE);
        assertThat(state.ready()).isFalse();
        assertThat(state.report(0, "503", T0)).isEqualTo(ProbeState.Change.NONE);
        assertThat(state.lastFailure()).isEqualTo("503");
        assertThat(state.report(0, null, T0)).isEqualTo(ProbeState.Change.NONE);
        assertThat(state.report(0, null, T0)).isEqualTo(ProbeState.Change.BECAME_READY);
        assertThat(state.ready()).isTrue();
        assertThat(state.lastFailure()).isNull();
    }

    @Test
    void aReadyReplicaLeavesAtTheFirstFailureAndIsReplacedAfterTheThreshold() {
        ProbeState state = new ProbeState(List.of(HTTP), T0);
        state.report(0, null, T0);
        state.report(0, null, T0);
        assertThat(state.report(0, "refused", T0)).isEqualTo(ProbeState.Change.LEFT_ROTATION);
        assertThat(state.ready()).isFalse();
        assertThat(state.report(0, "refused", T0)).isEqualTo(ProbeState.Change.NONE);
        assertThat(state.report(0, "refused", T0)).isEqualTo(ProbeState.Change.REPLACE);
        assertThat(state.report(0, "refused", T0)).as("asked once").isEqualTo(ProbeState.Change.NONE);
    }

    @Test
    void aReplicaThatNeverWasReadyIsNotReplacedByItsProbes() {
        ProbeState state = new ProbeState(List.of(HTTP), T0);
        for (int i = 0; i < 10; i++) {
            assertThat(state.report(0, "refused", T0)).isEqualTo(ProbeState.Change.NONE);
        }
    }

    @Test
    void everyProbeMustPassAndEachRunsOnItsOwnInterval() {
        Probe tcp = new Probe(Probe.Type.TCP, null, Duration.ofSeconds(5), Duration.ofSeconds(1), 1, 3);
        ProbeState state = new ProbeState(List.of(HTTP, tcp), T0);
        assertThat(state.claim(0, T0)).isTrue();
        assertThat(state.claim(0, T0)).as("in flight").isFalse();
        state.report(0, null, T0);
        assertThat(state.claim(0, T0.plusMillis(500))).as("not due yet").isFalse();
        assertThat(state.claim(0, T0.plusSeconds(1))).isTrue();
        state.report(0, null, T0.plusSeconds(1));
        assertThat(state.ready()).as("the tcp probe has not passed yet").isFalse();
        assertThat(state.claim(1, T0)).isTrue();
        assertThat(state.report(1, null, T0)).isEqualTo(ProbeState.Change.BECAME_READY);
    }
}
