package dev.runplane.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.execution.ExecutionBackend;
import dev.runplane.execution.fake.FakeBackend;
import dev.runplane.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Benchmark, not part of {@code verify}: the time of one full reconciler pass over 1,000 active replicas (100
 * services × 10) on the fake backend, against MariaDB. Run with
 * {@code ./mvnw -B -ntp verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ReconcilerPassBenchmark}.
 */
@IntegrationTest
@TestPropertySource(properties = {"runplane.reconciler.enabled=false", "runplane.reconciler.batch-size=1000",
        "runplane.runs.max-active-runs-per-project=100000", "runplane.runs.creates-per-minute=100000"})
@Import(ReconcilerPassBenchmark.FakeBackendConfig.class)
class ReconcilerPassBenchmark {
    private static final int RUNS = 100;
    private static final int REPLICAS = 10;

    @TestConfiguration
    static class FakeBackendConfig {
        @Bean
        ExecutionBackend fakeBackend() {
            // registered under a name the spec parser accepts; no Slurm backend exists on this node
            return new FakeBackend("slurm");
        }
    }

    @Autowired
    RunReconciler reconciler;
    @Autowired
    JdbcClient jdbc;

    @Test
    void onePassOverOneThousandActiveReplicas() {
        long project = jdbc.sql("SELECT id FROM project WHERE name = 'default'").query(Long.class).single();
        Timestamp now = Timestamp.from(Instant.now());
        for (int i = 0; i < RUNS; i++) {
            jdbc.sql("""
                            INSERT INTO run (project_id, name, run_type, spec_text, desired_replicas, status,
                                             submitted_by, submitted_at, updated_at)
                            VALUES (?, ?, 'SERVICE', ?, ?, 'SUBMITTED', 'admin', ?, ?)""")
                    .params(project, "bench-" + i, "type: service\nname: bench-" + i
                            + "\ncommands: [\"serve\"]\nbackend: slurm\nreplicas: " + REPLICAS + "\n", REPLICAS, now, now)
                    .update();
        }
        // bring everything up: launch, then observe RUNNING
        for (int i = 0; i < 5 && reconciler.pass(); i++) {
            // converging
        }
        int running = jdbc.sql("SELECT COUNT(*) FROM replica_submission WHERE status = 'RUNNING'")
                .query(Integer.class).single();
        assertThat(running).isEqualTo(RUNS * REPLICAS);

        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long start = System.nanoTime();
            boolean changed = reconciler.pass();
            nanos.add(System.nanoTime() - start);
            assertThat(changed).as("steady state changes nothing").isFalse();
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%n[benchmark] reconciler pass over %d active replicas (%d runs): p50 %.1f ms, "
                        + "p90 %.1f ms, max %.1f ms (%d passes)%n", RUNS * REPLICAS, RUNS,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.9)] / 1e6,
                sorted[sorted.length - 1] / 1e6, sorted.length);
        System.out.println("[benchmark] all passes (ms): " + Arrays.toString(
                Arrays.stream(sorted).mapToDouble(n -> n / 1e6).toArray()));
    }
}
