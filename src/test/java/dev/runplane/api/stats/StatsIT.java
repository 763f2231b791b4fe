package dev.runplane.api.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runplane.support.ApiClient;
import dev.runplane.support.IntegrationTest;
import dev.runplane.support.Replicas;
import dev.runplane.users.tokens.ApiTokenService;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Stats over HTTP, against real processes: each replica's own usage, and only the current replicas. */
@IntegrationTest
class StatsIT {
    private static final String RUNS = "/api/v1/projects/default/runs";
    private static final String RUN = "stats-busy";

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    ApiClient api;

    @BeforeEach
    void signIn() {
        api = new ApiClient("http://localhost:" + port, tokens.create("admin", "stats-it", null).secret());
    }

    private JsonNode stats(String window) {
        String query = window == null ? "" : "?window=" + window;
        ApiClient.Response response = api.get(RUNS + "/" + RUN + "/stats" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<Integer> replicaNums(JsonNode stats) {
        List<Integer> nums = new ArrayList<>();
        stats.get("replicas").forEach(r -> nums.add(r.get("replicaNum").asInt()));
        return nums;
    }

    private JsonNode run() {
        ApiClient.Response response = api.get(RUNS + "/" + RUN);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void statsShowEachCurrentReplicasOwnUsageAndNeverAScaledDownOne() {
        ApiClient.Response created = api.post(RUNS, "application/yaml", """
                type: service
                name: stats-busy
                commands:
                  - 'if [ "$RUNPLANE_REPLICA" = 0 ]; then while :; do :; done; else sleep 600; fi'
                replicas: 2
                stop_grace_period: 2s
                """);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        try {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                List<String> statuses = new ArrayList<>();
                run().get("replicas").forEach(r -> statuses.add(r.get("status").asString()));
                assertThat(statuses).containsExactly("RUNNING", "RUNNING");
            });

            // the sampler needs two readings (every 2 s) before it stores a CPU %
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                JsonNode stats = stats(null);
                assertThat(replicaNums(stats)).containsExactly(0, 1);
                JsonNode busy = stats.get("replicas").get(0).get("latest");
                JsonNode idle = stats.get("replicas").get(1).get("latest");
                assertThat(busy.isNull()).as("replica 0 sampled").isFalse();
                assertThat(idle.isNull()).as("replica 1 sampled").isFalse();
                assertThat(busy.get("cpuPercent").asDouble()).as("busy loop").isGreaterThan(20.0);
                assertThat(busy.get("memoryBytes").asLong()).isPositive();
                assertThat(idle.get("cpuPercent").asDouble()).as("sleep").isLessThan(20.0);
                assertThat(idle.get("memoryBytes").asLong()).isPositive();
            });

            JsonNode replica0 = stats("15m").get("replicas").get(0);
            assertThat(replica0.get("submissionNum").asInt()).isZero();
            assertThat(replica0.get("series").size()).isPositive();
            JsonNode latest = replica0.get("latest");
            assertThat(latest.get("cpuPercent").isNumber()).isTrue();
            assertThat(latest.get("memoryBytes").isNumber()).isTrue();
            assertThat(latest.has("gpuUtilPercent") && latest.get("gpuUtilPercent").isNull())
                    .as("unknown GPU figures are explicit nulls").isTrue();
            assertThat(Instant.parse(latest.get("time").asString())).isBefore(clock.instant().plusSeconds(1));

            longWindowsCombineMinuteRowsWithRecentSamples();

            ApiClient.Response scaled = api.postJson(RUNS + "/" + RUN + "/scale", "{\"replicas\": 1}");
            assertThat(scaled.status()).as(scaled.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(replicaNums(stats("1m"))).containsExactly(0));
            // ... and once gone it stays gone, while replica 0 keeps being sampled
            for (int i = 0; i < 6; i++) {
                JsonNode stats = stats("1m");
                assertThat(replicaNums(stats)).containsExactly(0);
                assertThat(stats.get("replicas").get(0).get("latest").isNull()).isFalse();
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            abort();
        }
    }

    /** A minute row written by the retention job 90 minutes ago comes first in a 2 h window. */
    private void longWindowsCombineMinuteRowsWithRecentSamples() {
        long submissionId = jdbc.sql("""
                        SELECT s.id FROM replica_submission s JOIN run r ON r.id = s.run_id
                        WHERE r.name = ? AND s.replica_num = 0""").param(RUN).query(Long.class).single();
        Instant minute = clock.instant().minus(Duration.ofMinutes(90)).truncatedTo(ChronoUnit.MINUTES);
        jdbc.sql("""
                        INSERT INTO metric_minute (submission_id, minute_start, samples, avg_cpu_percent,
                          max_cpu_percent, avg_memory_bytes, max_memory_bytes)
                        VALUES (?, ?, 30, 42.50, 99.00, 1234, 2000)""")
                .params(submissionId, Timestamp.from(minute)).update();

        JsonNode series = stats("2h").get("replicas").get(0).get("series");

        assertThat(series.size()).isGreaterThan(1);
        assertThat(Instant.parse(series.get(0).get("time").asString())).isEqualTo(minute);
        assertThat(series.get(0).get("cpuPercent").asDouble()).isEqualTo(42.5);
        assertThat(series.get(0).get("memoryBytes").asLong()).isEqualTo(1234);
        assertThat(series.get(1).get("cpuPercent").asDouble()).as("a raw sample of the busy loop")
                .isGreaterThan(20.0);
    }

    private void abort() {
        List<Long> pids = new ArrayList<>(Replicas.pids(jdbc, RUN, 0));
        pids.addAll(Replicas.pids(jdbc, RUN, 1));
        ApiClient.Response stopped = api.postJson(RUNS + "/" + RUN + "/stop", "{\"abort\": true}");
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(run().get("status").asString()).isEqualTo("TERMINATED"));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> pids.forEach(pid -> assertThat(Replicas.alive(pid)).as("pid " + pid).isFalse()));
    }

    @Test
    void unknownRunsAre404AndInvalidWindows400() {
        assertThat(api.get(RUNS + "/no-such-run/stats").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/projects/no-such-project/runs/x/stats").status()).isEqualTo(404);
        ApiClient.Response bad = api.get(RUNS + "/no-such-run/stats?window=8d");
        assertThat(bad.status()).as("the window is checked before the run").isEqualTo(400);
        assertThat(bad.body()).contains("7d");
        assertThat(api.get(RUNS + "/no-such-run/stats?window=soon").status()).isEqualTo(400);
        assertThat(new ApiClient("http://localhost:" + port, null).get(RUNS + "/x/stats").status()).isEqualTo(401);
    }
}
