package dev.runplane.execution.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runplane.execution.ExecutionBackend;
import dev.runplane.execution.contract.BackendContract;
import dev.runplane.support.SlurmCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Slurm backend keeps every promise of the contract against a real Slurm. */
class SlurmBackendContractIT extends BackendContract {
    private static SlurmBackend backend;

    @BeforeAll
    static void startBackend() throws Exception {
        SlurmCluster.require();
        Path jobs = Files.createTempDirectory("slurm-contract");
        // the test runs as root, which submits as root only when allowed
        SlurmProperties properties = new SlurmProperties(true, jobs, null, Duration.ofMillis(500),
                Duration.ofMillis(100), Map.of(), null, true, Duration.ofSeconds(20), SlurmProperties.Mode.LOCAL,
                null);
        backend = new SlurmBackend(properties, jobs, Map.of(), Clock.systemUTC());
    }

    @AfterAll
    static void stopBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    @Override
    protected ExecutionBackend backend() {
        return backend;
    }

    /** A job id far above any this test cluster handed out: neither squeue nor the job-completion log knows it. */
    @Override
    protected java.util.Optional<dev.runplane.execution.BackendHandle> goneHandle() {
        return java.util.Optional.of(new dev.runplane.execution.BackendHandle("slurm:99999999:/tmp/no-such-job"));
    }

    /** The reconciler is woken when a launched job begins, instead of finding out at its next tick. */
    @Test
    void whoeverListensIsToldWhenALaunchedJobHasBegunRunning() {
        java.util.List<dev.runplane.execution.Observation.State> toldWhile = new CopyOnWriteArrayList<>();
        dev.runplane.execution.BackendHandle[] handle = new dev.runplane.execution.BackendHandle[1];
        backend.onObservedChange(() -> {
            if (handle[0] != null) {
                toldWhile.add(backend.observe(java.util.List.of(handle[0])).get(handle[0]).state());
            }
        });
        handle[0] = launch("sleep 30");

        await().atMost(startTimeout()).until(() -> !toldWhile.isEmpty());
        // told once the job is seen running, and by then observing it says so
        assertThat(toldWhile.getFirst()).isEqualTo(dev.runplane.execution.Observation.State.RUNNING);
    }

    @Override
    protected Duration startTimeout() {
        return Duration.ofSeconds(20);
    }
}
