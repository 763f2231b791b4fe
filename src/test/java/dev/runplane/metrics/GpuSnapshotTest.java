package dev.runplane.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.metrics.GpuSnapshot.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** nvidia-smi's CSV as it prints it ({@code --format=csv,noheader,nounits}: ", " between fields, MiB, %). */
class GpuSnapshotTest {
    private static final String A = "GPU-6f6b2c2e-8e5b-1d4a-3f2c-7f2f4b7a1c3d";
    private static final String B = "GPU-0a9d1c4b-2e7f-4b1a-9c3e-5d6f7a8b9c0d";

    /** Two GPUs; pid 1423657 trains on A, 1423700 (a worker of the same replica) on B, 2000001 is someone else. */
    private static final String APPS = """
            1423657, GPU-6f6b2c2e-8e5b-1d4a-3f2c-7f2f4b7a1c3d, 30518
            1423700, GPU-0a9d1c4b-2e7f-4b1a-9c3e-5d6f7a8b9c0d, 1024
            2000001, GPU-0a9d1c4b-2e7f-4b1a-9c3e-5d6f7a8b9c0d, 512
            """;
    private static final String GPUS = """
            0, GPU-6f6b2c2e-8e5b-1d4a-3f2c-7f2f4b7a1c3d, 98
            1, GPU-0a9d1c4b-2e7f-4b1a-9c3e-5d6f7a8b9c0d, 37
            """;
    private static final long MIB = 1024 * 1024;

    @Test
    void aReplicaGetsTheMemoryOfItsProcessesAndTheUtilisationOfTheGpusTheyUse() {
        GpuSnapshot snapshot = GpuSnapshot.parse(APPS, GPUS);

        assertThat(snapshot.usageOf(List.of(1423657L, 1423658L)))
                .contains(new Usage(98.0, 30518 * MIB));
        // a replica on two GPUs: summed like CPU %, 100 % being one GPU fully busy
        assertThat(snapshot.usageOf(List.of(1423657L, 1423700L)))
                .contains(new Usage(98.0 + 37.0, (30518 + 1024) * MIB));
        assertThat(snapshot.usageOf(List.of(2000001L))).contains(new Usage(37.0, 512 * MIB));
    }

    @Test
    void aReplicaWhoseProcessesUseNoGpuHasNoFigures() {
        GpuSnapshot snapshot = GpuSnapshot.parse(APPS, GPUS);

        assertThat(snapshot.usageOf(List.of(42L, 43L))).isEmpty();
        assertThat(snapshot.usageOf(List.of())).isEmpty();
        assertThat(GpuSnapshot.NONE.usageOf(List.of(1423657L))).isEmpty();
    }

    @Test
    void fieldsNvidiaSmiCannotReportAreUnknownNotZero() {
        // MIG mode: no per-GPU utilisation, and older drivers report no per-process memory
        GpuSnapshot snapshot = GpuSnapshot.parse("""
                        1423657, GPU-6f6b2c2e-8e5b-1d4a-3f2c-7f2f4b7a1c3d, [N/A]
                        """,
                """
                        0, GPU-6f6b2c2e-8e5b-1d4a-3f2c-7f2f4b7a1c3d, [N/A]
                        1, GPU-0a9d1c4b-2e7f-4b1a-9c3e-5d6f7a8b9c0d, [Not Supported]
                        """);

        assertThat(snapshot.usageOf(List.of(1423657L))).contains(new Usage(null, null));
    }

    @Test
    void messagesAndBrokenLinesAreSkipped() {
        assertThat(GpuSnapshot.parseComputeApps("No running processes found\n")).isEmpty();
        assertThat(GpuSnapshot.parseComputeApps("")).isEmpty();
        assertThat(GpuSnapshot.parseComputeApps(null)).isEmpty();
        assertThat(GpuSnapshot.parseComputeApps("""
                pid, gpu_uuid, used_memory [MiB]
                abc, GPU-x, 1
                -5, GPU-x, 1
                77, , 1
                78, GPU-x
                99999999999999999999, GPU-x, 1
                79, GPU-6f6b2c2e-8e5b-1d4a-3f2c-7f2f4b7a1c3d, 12
                """)).containsOnlyKeys(79L);
        assertThat(GpuSnapshot.parseGpus("""
                NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.
                0, GPU-6f6b2c2e-8e5b-1d4a-3f2c-7f2f4b7a1c3d, 12
                """)).containsExactlyEntriesOf(java.util.Map.of(A, 12.0));
        assertThat(GpuSnapshot.parseGpus("1, " + B + ", 7\r\n")).containsEntry(B, 7.0);
    }
}
