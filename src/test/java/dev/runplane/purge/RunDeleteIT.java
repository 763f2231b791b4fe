package dev.runplane.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runplane.support.ApiClient;
import dev.runplane.support.IntegrationTest;
import dev.runplane.users.tokens.ApiTokenService;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deleting a run deletes what was only the run's (issue 12, item 7): its log lines, log progress and metric rows go
 * (in batches, in the background), its bill and its events stay. What deletes from before left behind is found and
 * removed too.
 */
@IntegrationTest
class RunDeleteIT {
    private static final String RUNS = "/api/v1/projects/default/runs";

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RunDataPurge purge;

    ApiClient api;

    @BeforeEach
    void signIn() {
        api = new ApiClient("http://localhost:" + port, tokens.create("admin", "run-delete", null).secret());
    }

    @Test
    void deletingARunRemovesItsLogsAndMetricsAndKeepsItsBillAndEvents() {
        // more lines than one purge batch, and long enough for the sampler (every 2 s) to store samples
        ApiClient.Response created = api.post(RUNS, "application/yaml", """
                type: task
                name: deleted-with-its-data
                commands:
                  - i=0; while [ $i -lt 2500 ]; do echo "line $i"; i=$((i+1)); done
                  - sleep 5
                replicas: 2
                """);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(40)).until(() ->
                "DONE".equals(api.get(RUNS + "/deleted-with-its-data").json().get("status").asString()));
        List<Long> submissions = jdbc.sql("""
                        SELECT s.id FROM replica_submission s JOIN run r ON r.id = s.run_id
                        WHERE r.name = 'deleted-with-its-data' ORDER BY s.id""").query(Long.class).list();
        assertThat(submissions).hasSize(2);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(count("log_line", submissions)).isEqualTo(5000);
            assertThat(count("log_progress", submissions)).isEqualTo(2);
        });
        assertThat(count("metric_sample", submissions)).as("samples of the run").isPositive();
        long intervals = count("usage_interval", submissions);
        assertThat(intervals).as("usage intervals").isEqualTo(2);

        assertThat(api.delete(RUNS + "/deleted-with-its-data").status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(counts(submissions)).isEqualTo(Map.of(
                "log_line", 0L, "log_progress", 0L, "metric_sample", 0L, "metric_minute", 0L)));
        assertThat(count("usage_interval", submissions)).as("the bill is billing history").isEqualTo(intervals);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM run_event WHERE run_name = 'deleted-with-its-data' "
                + "AND action = 'DELETED'").query(Long.class).single()).as("the audit keeps the deletion").isOne();
        assertThat(api.get(RUNS + "/deleted-with-its-data").status()).isEqualTo(404);
    }

    /** Rows a delete left behind before deletes queued anything: progress and lines of a submission that is gone. */
    @Test
    void whatEarlierDeletesLeftBehindIsRemoved() {
        long gone = 8_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
        jdbc.sql("INSERT INTO log_progress (submission_id, next_seq, lines_stored, complete) VALUES (?, 3, 2, TRUE)")
                .param(gone).update();
        // negative ids: far from the ingestor's, which count up from the largest id stored
        long firstLine = 8_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
        for (int seq = 1; seq <= 2; seq++) {
            jdbc.sql("""
                            INSERT INTO log_line (id, submission_id, run_id, replica_num, submission_num, seq, stream,
                                                  logged_at, text) VALUES (?, ?, -1, 0, 0, ?, 'o', ?, 'left behind')""")
                    .params(-(firstLine + seq), gone, seq, Timestamp.from(Instant.now())).update();
        }
        assertThat(counts(List.of(gone))).containsEntry("log_line", 2L).containsEntry("log_progress", 1L);

        assertThat(purge.queueOrphans()).isPositive();
        purge.pass();

        assertThat(counts(List.of(gone))).containsEntry("log_line", 0L).containsEntry("log_progress", 0L);
    }

    private Map<String, Long> counts(List<Long> submissions) {
        return Map.of("log_line", count("log_line", submissions), "log_progress", count("log_progress", submissions),
                "metric_sample", count("metric_sample", submissions),
                "metric_minute", count("metric_minute", submissions));
    }

    private long count(String table, List<Long> submissions) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE submission_id IN (:ids)").param("ids", submissions)
                .query(Long.class).single();
    }
}
