package dev.runplane.api.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runplane.support.ApiClient;
import dev.runplane.support.IntegrationTest;
import dev.runplane.support.SseClient;
import dev.runplane.users.tokens.ApiTokenService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The scaling story 1→2→1→2→stop, checking logs, stats and cost at every step — what the tool we replace got wrong
 * (no logs for a scaled-up replica, stats and price still counting a scaled-down one).
 */
@IntegrationTest
class ObservabilityStoryIT {
    private static final String RUN = "/api/v1/projects/default/runs/observed";
    private static final Duration SECOND = Duration.ofMillis(1500);

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    String token;

    @BeforeEach
    void signIn() {
        token = tokens.create("admin", "observability", null).secret();
        api = new ApiClient("http://localhost:" + port, token);
    }

    private JsonNode get(String path) {
        ApiClient.Response response = api.get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private void scale(int replicas) {
        assertThat(api.postJson(RUN + "/scale", "{\"replicas\": " + replicas + "}").status()).isEqualTo(200);
    }

    private void awaitRunning(String... replicas) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode run = get(RUN);
            List<String> seen = new java.util.ArrayList<>();
            run.get("replicas").forEach(r -> seen.add(r.get("replicaNum").asInt() + "#"
                    + r.get("submissionNum").asInt() + ":" + r.get("status").asString()));
            assertThat(seen).containsExactly(replicas);
        });
    }

    private Set<String> texts(JsonNode page) {
        Set<String> texts = new HashSet<>();
        page.get("lines").forEach(l -> texts.add(l.get("text").asString()));
        return texts;
    }

    private BigDecimal burnRate() {
        return new BigDecimal(get(RUN + "/cost").get("burnRatePerHour").asString());
    }

    private List<Integer> statsReplicas() {
        List<Integer> replicas = new java.util.ArrayList<>();
        get(RUN + "/stats?window=5m").get("replicas").forEach(r -> replicas.add(r.get("replicaNum").asInt()));
        return replicas;
    }

    @Test
    void logsStatsAndCostFollowTheCurrentReplicasThroughScaling() {
        assertThat(api.post("/api/v1/projects/default/runs", "application/yaml", """
                type: service
                name: observed
                commands:
                  - 'i=0; while true; do echo "replica $RUNPLANE_REPLICA line $i"; i=$((i+1)); sleep 0.1; done'
                replicas: 1
                stop_grace_period: 2s
                """).status()).isEqualTo(201);
        awaitRunning("0#0:RUNNING");
        await().atMost(SECOND).untilAsserted(() ->
                assertThat(texts(get(RUN + "/logs?replica=0"))).contains("replica 0 line 0"));
        BigDecimal onePrice = burnRate();
        assertThat(onePrice).isPositive();

        try (SseClient stream = new SseClient("http://localhost:" + port + RUN + "/logs/stream?after=0", token, null)) {
            // 1 → 2: the new replica has logs from its first line, over the API and the stream, within a second
            scale(2);
            awaitRunning("0#0:RUNNING", "1#0:RUNNING");
            await().atMost(SECOND).untilAsserted(() ->
                    assertThat(texts(get(RUN + "/logs?replica=1"))).contains("replica 1 line 0"));
            await().atMost(SECOND).untilAsserted(() -> assertThat(stream.events())
                    .anySatisfy(e -> assertThat(e.data()).contains("replica 1 line 0")));
            JsonNode merged = get(RUN + "/logs?limit=200");
            Set<Integer> replicasInMerged = new HashSet<>();
            merged.get("lines").forEach(l -> replicasInMerged.add(l.get("replicaNum").asInt()));
            assertThat(replicasInMerged).containsExactlyInAnyOrder(0, 1);
            assertThat(burnRate()).isEqualByComparingTo(onePrice.multiply(BigDecimal.TWO));
        }

        // 2 → 1: stats list only replica 0 and the burn rate falls back
        scale(1);
        awaitRunning("0#0:RUNNING");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(statsReplicas()).containsExactly(0);
            assertThat(burnRate()).isEqualByComparingTo(onePrice);
        });
        assertThat(texts(get(RUN + "/logs?limit=200"))).allMatch(t -> t.startsWith("replica 0"));

        // 1 → 2 again: a new submission of replica 1, logs from its first line
        scale(2);
        awaitRunning("0#0:RUNNING", "1#1:RUNNING");
        await().atMost(SECOND).untilAsserted(() ->
                assertThat(texts(get(RUN + "/logs?replica=1"))).contains("replica 1 line 0"));
        assertThat(get(RUN + "/logs?replica=1&submission=1").get("lines").get(0).get("text").asString())
                .isEqualTo("replica 1 line 0");

        // stop: nothing consumes any more, and the total equals an independent recomputation
        assertThat(api.postJson(RUN + "/stop", "{}").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get(RUN).get("status").asString()).isEqualTo("TERMINATED"));
        JsonNode cost = get(RUN + "/cost");
        assertThat(new BigDecimal(cost.get("burnRatePerHour").asString())).isZero();
        assertThat(cost.get("submissions")).hasSize(3);
        assertThat(new BigDecimal(cost.get("total").asString())).isEqualByComparingTo(recomputedCost());
    }

    /** Price × (finished − started) of every submission, straight from the submissions table. */
    private BigDecimal recomputedCost() {
        return jdbc.sql("""
                        SELECT s.price_per_hour, s.started_at, s.finished_at FROM replica_submission s
                        JOIN run r ON r.id = s.run_id WHERE r.name = 'observed'""")
                .query((rs, i) -> {
                    Instant started = rs.getTimestamp("started_at").toInstant();
                    Timestamp finished = rs.getTimestamp("finished_at");
                    long millis = Duration.between(started, finished.toInstant()).toMillis();
                    return rs.getBigDecimal("price_per_hour").multiply(BigDecimal.valueOf(millis))
                            .divide(BigDecimal.valueOf(3_600_000L), 10, RoundingMode.HALF_UP);
                })
                .list().stream().reduce(BigDecimal.ZERO, BigDecimal::add).setScale(6, RoundingMode.HALF_UP);
    }
}
