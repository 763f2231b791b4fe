package dev.runplane.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.logs.LogQueries.LogPage;
import dev.runplane.logs.LogQueries.LogRequest;
import dev.runplane.logs.LogQueries.Scope;
import dev.runplane.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Log search means "the line contains the text", byte for byte: inside words, across punctuation, for one or two
 * characters, and with SQL wildcards taken literally (a blank search shows everything). Every query's result, read page by page, must equal a plain
 * {@link String#contains} filter over the stored lines — whatever the search does to be fast must not change that.
 */
@IntegrationTest
class LogSearchIT {
    private static final List<String> TEXTS = List.of(
            "needle at the start",
            "a haystackneedle inside a word",
            "needles, plural",
            "NEEDLE in capitals",
            "status=200 path=/api/items user=u42",
            "status=2000 path=/api/items?x=1&y=2",
            "error: connection refused (ECONNREFUSED) after 3 retries",
            "ConnectionError: [Errno 111] Connection refused",
            "100% done; 5_000 items; a!b; it's \"quoted\"; back\\slash",
            "progress 50%_ready",
            "café ünïcödé — 日本語 🚀 rocket",
            "x",
            "ab",
            "  leading and trailing spaces  ",
            "the quick brown fox jumps over the lazy dog");
    private static final List<String> QUERIES = List.of(
            "needle", "eedl", "haystack", "Needle", "NEEDLE", "needle ", " needle", "s, p",
            "status=200", "=200", "status=20", "/api/items?", "user=u4",
            "refused", "Connection refused", "ECONNREFUSED)", "Errno 111]", "[Errno",
            "%", "100%", "50%_", "_", "5_0", "!", "a!b", "'", "it's", "\"quoted\"", "\\", "back\\slash",
            "é", "日本", "🚀", "— 日",
            "x", "a", "ab", "b", "  ", " spaces  ", "the", "dog", "over the", "zzz");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    LogQueries logs;

    Scope scope;

    @BeforeEach
    void storeLines() {
        long project = jdbc.sql("SELECT id FROM project WHERE name = 'default'").query(Long.class).single();
        Timestamp now = Timestamp.from(Instant.now());
        String name = "search-" + System.nanoTime();
        jdbc.sql("INSERT INTO run (project_id, name, run_type, spec_text, desired_replicas, status, submitted_by, "
                        + "submitted_at, updated_at) VALUES (?, ?, 'TASK', 'x', 1, 'DONE', 'admin', ?, ?)")
                .params(project, name, now, now).update();
        long run = jdbc.sql("SELECT id FROM run WHERE name = ?").param(name).query(Long.class).single();
        jdbc.sql("INSERT INTO replica_submission (run_id, replica_num, submission_num, status, backend, "
                + "submitted_at) VALUES (?, 0, 0, 'DONE', 'local', ?)").params(run, now).update();
        long submission = jdbc.sql("SELECT id FROM replica_submission WHERE run_id = ?").param(run)
                .query(Long.class).single();
        // every text several times, so that results span pages
        int seq = 0;
        for (int copy = 0; copy < 3; copy++) {
            for (String text : TEXTS) {
                seq++;
                jdbc.sql("INSERT INTO log_line (submission_id, run_id, replica_num, submission_num, seq, stream, "
                                + "logged_at, text) VALUES (?, ?, 0, 0, ?, 'o', ?, ?)")
                        .params(submission, run, seq, now, text).update();
            }
        }
        scope = new Scope(run, List.of(submission));
    }

    @Test
    void searchFindsExactlyTheLinesThatContainTheText() {
        List<String> all = texts(readAll(null));
        assertThat(all).hasSize(TEXTS.size() * 3);
        for (String query : QUERIES) {
            // a blank search is no search (the search box was cleared)
            List<String> expected = query.isBlank() ? all : all.stream().filter(t -> t.contains(query)).toList();
            assertThat(texts(readAll(query))).as("search for [%s]", query).isEqualTo(expected);
        }
    }

    /** Newest first, then back page by page (4 lines each), returned oldest first. */
    private List<LogLine> readAll(String query) {
        List<LogLine> lines = new ArrayList<>();
        Long before = null;
        while (true) {
            LogPage page = logs.page(scope, new LogRequest(0, null, null, before, 4, query));
            lines.addAll(0, page.lines());
            if (page.lines().size() < 4) {
                return lines;
            }
            before = page.prev();
        }
    }

    private static List<String> texts(List<LogLine> lines) {
        return lines.stream().map(LogLine::text).toList();
    }
}
