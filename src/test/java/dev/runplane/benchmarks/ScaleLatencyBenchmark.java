package dev.runplane.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.support.ApiClient;
import dev.runplane.support.IntegrationTest;
import dev.runplane.users.tokens.ApiTokenService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark, not part of {@code verify}: from a scale call over HTTP returning to the new replica observed
 * RUNNING (a trivial {@code sleep} on the local backend), 100 times. Run with
 * {@code ./mvnw -B -ntp verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ScaleLatencyBenchmark}.
 */
@IntegrationTest
class ScaleLatencyBenchmark {
    private static final String RUN = "/api/v1/projects/default/runs/latency";

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    JdbcClient jdbc;

    private boolean replicaOneRunning(int submission) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM replica_submission s JOIN run r ON r.id = s.run_id
                        WHERE r.name = 'latency' AND s.replica_num = 1 AND s.submission_num = ? AND s.status = 'RUNNING'""")
                .param(submission).query(Integer.class).single() == 1;
    }

    private boolean replicaOneGone(int submission) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM replica_submission s JOIN run r ON r.id = s.run_id
                        WHERE r.name = 'latency' AND s.replica_num = 1 AND s.submission_num = ?
                          AND s.status IN ('TERMINATED', 'ABORTED')""")
                .param(submission).query(Integer.class).single() == 1;
    }

    @Test
    void scaleUpToRunning() throws Exception {
        ApiClient api = new ApiClient("http://localhost:" + port, tokens.create("admin", "bench", null).secret());
        assertThat(api.post("/api/v1/projects/default/runs", "application/yaml",
                "type: service\nname: latency\ncommands: [\"sleep 3600\"]\nreplicas: 1\nstop_grace_period: 1s\n")
                .status()).isEqualTo(201);
        while (jdbc.sql("SELECT COUNT(*) FROM replica_submission WHERE status = 'RUNNING'").query(Integer.class)
                .single() < 1) {
            Thread.sleep(5);
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            assertThat(api.postJson(RUN + "/scale", "{\"replicas\": 2}").status()).isEqualTo(200);
            long returned = System.nanoTime();
            while (!replicaOneRunning(i)) {
                Thread.sleep(1);
            }
            micros.add((System.nanoTime() - returned) / 1000);
            assertThat(api.postJson(RUN + "/scale", "{\"replicas\": 1}").status()).isEqualTo(200);
            while (!replicaOneGone(i)) {
                Thread.sleep(2);
            }
        }
        api.postJson(RUN + "/stop", "{\"abort\": true}");
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%n[benchmark] scale call returned -> new replica RUNNING, %d samples: p50 %.1f ms, "
                        + "p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", sorted.length, sorted[sorted.length / 2] / 1e3,
                sorted[(int) (sorted.length * 0.9)] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3,
                sorted[sorted.length - 1] / 1e3);
        System.out.println("[benchmark] all samples (ms): " + Arrays.toString(
                Arrays.stream(sorted).mapToDouble(n -> n / 1e3).toArray()));
    }
}
