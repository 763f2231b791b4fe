package dev.runplane.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner around nvidia-smi, with shell scripts standing in for it: the build machines have no GPU. They answer
 * the two queries the runner makes with CSV as nvidia-smi prints it.
 */
class NvidiaSmiTest {
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    private Path script(String body) throws IOException {
        Path script = dir.resolve("nvidia-smi");
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static final String ANSWERS = """
            echo "$*" >> "$(dirname "$0")/calls"
            case "$*" in
              *--query-compute-apps=pid,gpu_uuid,used_memory*) echo "4242, GPU-aaaa, 2048";;
              *--query-gpu=index,uuid,utilization.gpu*) echo "0, GPU-aaaa, 61";;
              *) exit 2;;
            esac
            """;

    @Test
    void aReadingAsksForTheProcessesAndTheGpusUtilisation() throws Exception {
        Path smi = script(ANSWERS);
        Optional<GpuSnapshot> snapshot = new NvidiaSmi(smi.toString(), Duration.ofSeconds(5)).readNow();

        assertThat(snapshot).isPresent();
        assertThat(snapshot.get().usageOf(List.of(4242L))).contains(new GpuSnapshot.Usage(61.0, 2048 * MIB));
        assertThat(Files.readAllLines(dir.resolve("calls"))).containsExactly(
                String.join(" ", NvidiaSmi.COMPUTE_APPS), String.join(" ", NvidiaSmi.GPUS));
    }

    @Test
    void withoutGpuProcessesTheGpusAreNotAsked() throws Exception {
        script("""
                echo "$*" >> "$(dirname "$0")/calls"
                """);
        Optional<GpuSnapshot> snapshot = new NvidiaSmi(dir.resolve("nvidia-smi").toString(), Duration.ofSeconds(5))
                .readNow();

        assertThat(snapshot).contains(new GpuSnapshot(java.util.Map.of(), java.util.Map.of()));
        assertThat(Files.readAllLines(dir.resolve("calls"))).hasSize(1);
    }

    @Test
    void noNvidiaSmiMeansNoFiguresAndNoError() {
        assertThat(new NvidiaSmi(dir.resolve("missing").toString(), Duration.ofSeconds(1)).readNow()).isEmpty();
        assertThat(new NvidiaSmi("no-such-nvidia-smi-anywhere", Duration.ofSeconds(1)).readNow()).isEmpty();
        assertThat(new NvidiaSmi("", Duration.ofSeconds(1)).readNow()).isEmpty();
    }

    @Test
    void aFailingNvidiaSmiGivesNoFigures() throws Exception {
        Path smi = script("""
                echo "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver."
                exit 9
                """);
        assertThat(new NvidiaSmi(smi.toString(), Duration.ofSeconds(5)).readNow()).isEmpty();
    }

    @Test
    void aHungNvidiaSmiIsKilledAtTheTimeoutAndNeverStartedTwice() throws Exception {
        Path smi = script("""
                echo $$ >> "$(dirname "$0")/pids"
                exec sleep 30
                """);
        NvidiaSmi nvidiaSmi = new NvidiaSmi(smi.toString(), Duration.ofMillis(500));

        long start = System.nanoTime();
        CompletableFuture<Optional<GpuSnapshot>> first = nvidiaSmi.read();
        CompletableFuture<Optional<GpuSnapshot>> second = nvidiaSmi.read();
        assertThat(second).isSameAs(first);
        assertThat(first.get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));

        List<String> pids = Files.readAllLines(dir.resolve("pids"));
        assertThat(pids).hasSize(1);
        long pid = Long.parseLong(pids.getFirst().strip());
        Thread.sleep(200);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("killed").isFalse();
        // the next reading starts afresh
        assertThat(nvidiaSmi.read()).isNotSameAs(first);
    }
}
