package dev.runplane.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.support.ApiClient;
import dev.runplane.support.IntegrationTest;
import dev.runplane.support.SseClient;
import dev.runplane.users.tokens.ApiTokenService;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Benchmark, not part of {@code verify}: 20 replicas printing as fast as they can with the rate limit lifted; lines
 * per second stored with zero loss, and the freshness of a probe line on the SSE stream while that load runs.
 * Run with {@code ./mvnw -B -ntp verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=LogIngestBenchmark} (optionally {@code -Dbench.lines=100000} lines per replica).
 */
@IntegrationTest
@TestPropertySource(properties = {"runplane.logs.lines-per-second=0", "runplane.logs.quota-lines=0"})
class LogIngestBenchmark {
    private static final int REPLICAS = 20;

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    JdbcClient jdbc;

    private long stored(String run) {
        return jdbc.sql("SELECT COALESCE(SUM(g.lines_stored), 0) FROM log_progress g "
                        + "JOIN replica_submission s ON s.id = g.submission_id JOIN run r ON r.id = s.run_id WHERE r.name = ?")
                .param(run).query(Long.class).single();
    }

    @Test
    void twentyReplicasPrintingFlatOut() throws Exception {
        int perReplica = Integer.getInteger("bench.lines", 100_000);
        String token = tokens.create("admin", "ingest-bench", null).secret();
        ApiClient api = new ApiClient("http://localhost:" + port, token);
        String runs = "/api/v1/projects/default/runs";
        assertThat(api.post(runs, "application/yaml", """
                type: service
                name: probe
                commands:
                  - 'while true; do echo "t $(date +%s%N)"; sleep 0.1; done'
                """).status()).isEqualTo(201);
        List<Long> lagMillis = new ArrayList<>();
        try (SseClient probe = new SseClient("http://localhost:" + port + runs + "/probe/logs/stream?after=0", token,
                null)) {
            Thread.sleep(2000);
            assertThat(api.post(runs, "application/yaml", """
                    type: task
                    name: flat-out
                    replicas: %d
                    commands:
                      - 'yes "replica $RUNPLANE_REPLICA: a typical log line of about eighty characters, 0123456789" | head -n %d'
                    """.formatted(REPLICAS, perReplica)).status()).isEqualTo(201);
            long expected = (long) REPLICAS * perReplica;
            long start = System.nanoTime();
            long firstStored = -1;
            while (stored("flat-out") < expected) {
                if (firstStored < 0 && stored("flat-out") > 0) {
                    firstStored = System.nanoTime();
                }
                if (System.nanoTime() - start > 600_000_000_000L) {
                    break;
                }
                Thread.sleep(20);
            }
            long end = System.nanoTime();
            long total = jdbc.sql("SELECT COUNT(*) FROM log_line l JOIN run r ON r.id = l.run_id "
                    + "WHERE r.name = 'flat-out' AND l.stream = 'o'").query(Long.class).single();
            long from = firstStored < 0 ? start : firstStored;
            System.out.printf("%n[benchmark] ingest: %d lines from %d replicas stored in %.2f s = %.0f lines/s "
                            + "(lost: %d)%n", total, REPLICAS, (end - from) / 1e9, total / ((end - from) / 1e9),
                    expected - total);
            // freshness: the probe prints its own wall-clock time; the stream records when each line arrived
            long loadStartMillis = System.currentTimeMillis() - (end - start) / 1_000_000;
            probe.events().forEach(e -> {
                String text = e.data().replaceAll(".*\"text\":\"t (\\d+)\".*", "$1");
                if (text.matches("\\d+")) {
                    long printed = Long.parseLong(text) / 1_000_000;
                    if (printed >= loadStartMillis) {
                        lagMillis.add(e.receivedAt() - printed);
                    }
                }
            });
            long[] sorted = lagMillis.stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length > 0) {
                System.out.printf("[benchmark] freshness under that load (printed -> seen on SSE), %d probe lines: "
                                + "p50 %d ms, p99 %d ms, max %d ms%n", sorted.length, sorted[sorted.length / 2],
                        sorted[(int) Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))],
                        sorted[sorted.length - 1]);
            }
            assertThat(total).isEqualTo(expected);
        }
        api.postJson(runs + "/probe/stop", "{\"abort\": true}");
    }
}
