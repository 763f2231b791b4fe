package dev.runplane.execution.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.execution.Observation.Ending;
import dev.runplane.execution.slurm.SlurmJobStates.Phase;
import org.junit.jupiter.api.Test;

class SlurmJobStatesTest {

    @Test
    void rawWaitStatusesDecodeAsAShellWouldReportThem() {
        assertThat(SlurmJobStates.exitCode(0)).isZero();
        assertThat(SlurmJobStates.exitCode(768)).isEqualTo(3);
        assertThat(SlurmJobStates.exitCode(36608)).isEqualTo(143);
        assertThat(SlurmJobStates.exitCode(9)).isEqualTo(137);
        assertThat(SlurmJobStates.exitCode(15)).isEqualTo(143);
    }

    @Test
    void sacctExitCodesAreCodeColonSignal() {
        assertThat(SlurmJobStates.exitCode("3:0")).isEqualTo(3);
        assertThat(SlurmJobStates.exitCode("0:9")).isEqualTo(137);
        assertThat(SlurmJobStates.exitCode("0:0")).isZero();
    }

    @Test
    void everyEndOfTheIssuesTableMapsToItsEnding() {
        assertThat(SlurmJobStates.ending("COMPLETED")).isEqualTo(Ending.EXITED);
        assertThat(SlurmJobStates.ending("FAILED")).isEqualTo(Ending.EXITED);
        assertThat(SlurmJobStates.ending("CANCELLED")).isEqualTo(Ending.CANCELLED_OUTSIDE);
        assertThat(SlurmJobStates.ending("TIMEOUT")).isEqualTo(Ending.TIME_LIMIT);
        assertThat(SlurmJobStates.ending("NODE_FAIL")).isEqualTo(Ending.LOST);
        assertThat(SlurmJobStates.ending("PREEMPTED")).isEqualTo(Ending.LOST);
        assertThat(SlurmJobStates.ending("BOOT_FAIL")).isEqualTo(Ending.LOST);
        assertThat(SlurmJobStates.ending("OUT_OF_MEMORY")).isEqualTo(Ending.OUT_OF_MEMORY);
    }

    @Test
    void phasesFollowTheBaseState() {
        assertThat(SlurmJobStates.phase("PENDING")).isEqualTo(Phase.PENDING);
        assertThat(SlurmJobStates.phase("CONFIGURING")).isEqualTo(Phase.PENDING);
        assertThat(SlurmJobStates.phase("RUNNING")).isEqualTo(Phase.RUNNING);
        assertThat(SlurmJobStates.phase("CANCELLED+")).isEqualTo(Phase.ENDED);
        assertThat(SlurmJobStates.phase("COMPLETED")).isEqualTo(Phase.ENDED);
    }

    @Test
    void pendingReasonsAreShownInWordsAndHopelessOnesAreKnown() {
        assertThat(SlurmJobStates.words("Resources")).startsWith("Slurm: Resources (waiting for free");
        assertThat(SlurmJobStates.words("QOSMaxJobsPerUserLimit")).contains("QOS allows no more");
        assertThat(SlurmJobStates.words("SomethingNew")).isEqualTo("Slurm: SomethingNew");
        assertThat(SlurmJobStates.hopeless("PartitionConfig")).isTrue();
        assertThat(SlurmJobStates.hopeless("Resources")).isFalse();
        assertThat(SlurmJobStates.hopeless("PartitionDown")).isFalse();
    }
}
