package dev.runplane.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.logs.LogQueries;
import dev.runplane.logs.LogQueries.LogPage;
import dev.runplane.logs.LogQueries.LogRequest;
import dev.runplane.logs.LogQueries.Scope;
import dev.runplane.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark, not part of {@code verify}: reads on one replica with many stored lines (default 10 million; set
 * {@code -Dbench.rows=...}). Run with {@code ./mvnw -B -ntp verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=LogReadBenchmark}. Filling the table takes a few minutes.
 */
@IntegrationTest
class LogReadBenchmark {
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LogQueries logs;

    @Test
    void readsOnAReplicaWithTenMillionLines() {
        long rows = Long.getLong("bench.rows", 10_000_000L);
        long project = jdbc.sql("SELECT id FROM project WHERE name = 'default'").query(Long.class).single();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("INSERT INTO run (project_id, name, run_type, spec_text, desired_replicas, status, submitted_by, "
                        + "submitted_at, updated_at) VALUES (?, 'big-logs', 'TASK', 'x', 1, 'DONE', 'admin', ?, ?)")
                .params(project, now, now).update();
        long run = jdbc.sql("SELECT id FROM run WHERE name = 'big-logs'").query(Long.class).single();
        jdbc.sql("INSERT INTO replica_submission (run_id, replica_num, submission_num, status, backend, "
                        + "submitted_at) VALUES (?, 0, 0, 'DONE', 'local', ?)").params(run, now).update();
        long submission = jdbc.sql("SELECT id FROM replica_submission WHERE run_id = ?").param(run)
                .query(Long.class).single();

        long fillStart = System.nanoTime();
        for (int i = 1; i <= 1000; i++) {
            jdbc.sql("INSERT INTO log_line (submission_id, run_id, replica_num, submission_num, seq, stream, "
                            + "logged_at, text) VALUES (?, ?, 0, 0, ?, 'o', ?, ?)")
                    .params(submission, run, i, now, (i == 500 ? "needle " : "") + "request " + i
                            + " served in 12 ms status=200 path=/api/items user=u" + (i % 97))
                    .update();
        }
        long count = 1000;
        while (count < rows) {
            long batch = Math.min(count, rows - count);
            jdbc.sql("INSERT INTO log_line (submission_id, run_id, replica_num, submission_num, seq, stream, "
                            + "logged_at, text) SELECT submission_id, run_id, replica_num, submission_num, seq + ?, "
                            + "stream, logged_at, text FROM log_line WHERE submission_id = ? AND seq <= ?")
                    .params(count, submission, batch).update();
            count += batch;
        }
        System.out.printf("%n[benchmark] filled %d lines in %.1f s%n", count, (System.nanoTime() - fillStart) / 1e9);

        Scope scope = new Scope(run, List.of(submission));
        report("newest 1,000 lines", () -> logs.page(scope, new LogRequest(0, null, null, null, 1000, null)), 1000);
        report("first page of a common search (status=200)",
                () -> logs.page(scope, new LogRequest(0, null, null, null, 500, "status=200")), 500);
        report("first page of a rare search (needle, 1 line in 1,000)",
                () -> logs.page(scope, new LogRequest(0, null, null, null, 500, "needle")), 500);
        report("first page of a search that matches nothing (absent)",
                () -> logs.page(scope, new LogRequest(0, null, null, null, 500, "absent")), 0);

        // the whole log searched for a term it does not hold, page after page, as the UI goes on by itself
        long start = System.nanoTime();
        int pages = 0;
        Long before = null;
        do {
            before = logs.page(scope, new LogRequest(0, null, null, before, 500, "absent")).prev();
            pages++;
        } while (before != null);
        System.out.printf("[benchmark] all %d lines searched for a term they do not hold: %.1f s in %d pages%n",
                count, (System.nanoTime() - start) / 1e9, pages);
    }

    private static void report(String what, Supplier<LogPage> read, int expected) {
        long[] millis = new long[7];
        int[] sizes = new int[7];
        boolean partial = false;
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            LogPage page = read.get();
            millis[i] = (System.nanoTime() - start) / 1_000_000;
            sizes[i] = page.lines().size();
            partial |= page.partial();
            assertThat(page.lines().size()).isLessThanOrEqualTo(expected);
        }
        Arrays.sort(millis);
        Arrays.sort(sizes);
        System.out.printf("[benchmark] %s: median %d ms, max %d ms (lines returned: %d to %d%s)%n", what, millis[3],
                millis[6], sizes[0], sizes[6], partial ? "; some pages cut short at their time" : "");
    }
}
