package dev.runplane.execution.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlurmStatsTest {
    @Test
    void stepsOfOneJobAreSummed() {
        var samples = SlurmStats.parse("""
                12.batch|cpu=00:01:02,energy=0,fs/disk=11011,mem=3144K,pages=0,vmem=5512K
                12.0|cpu=1-00:00:00.500,mem=1M
                13.batch|cpu=00:00:00,mem=0
                """);
        assertThat(samples.get(12L).cpuSecondsTotal()).isEqualTo(62 + 86_400.5);
        assertThat(samples.get(12L).memoryBytes()).isEqualTo(3144 * 1024 + 1024 * 1024);
        assertThat(samples.get(12L).localProcessIds()).isEmpty();
        assertThat(samples.get(13L).memoryBytes()).isZero();
    }
}
