package dev.runplane.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.logs.LogQueries.LogPage;
import dev.runplane.logs.LogQueries.LogRequest;
import dev.runplane.logs.LogQueries.Scope;
import dev.runplane.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
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

    @Test
    void searchPagesCutShortByTheirTimeGoOnExactlyWhereTheyStopped() {
        // no time at all: every page scans one window of 7 cursors, so a search needs many partial pages
        LogSearch slow = new LogSearch(jdbc, Duration.ZERO, 7, System::nanoTime);
        List<String> all = texts(readAll(null));
        for (String query : QUERIES) {
            if (query.isBlank()) {
                continue;
            }
            List<String> expected = all.stream().filter(t -> t.contains(query)).toList();
            List<LogPage> pages = new ArrayList<>();
            assertThat(texts(readAll(request -> slow.page(scope, request, request.limit()), query, pages)))
                    .as("search for [%s], backwards", query).isEqualTo(expected);
            if (expected.size() < 4) { // a page can never fill: every page but the last one stops at its time
                assertThat(pages).as("pages cut short for [%s]", query).hasSizeGreaterThan(2)
                        .allMatch(p -> p.partial() || p == pages.getLast());
            }
            assertThat(pages.getLast().prev()).isNull();
            assertThat(texts(readForward(slow, query))).as("search for [%s], forwards", query).isEqualTo(expected);
        }
        // a search that matches nothing answers with an empty, partial page that says where to go on
        LogPage first = slow.page(scope, new LogRequest(0, null, null, null, 4, "zzz"), 4);
        assertThat(first.lines()).isEmpty();
        assertThat(first.partial()).isTrue();
        assertThat(first.prev()).isNotNull();
    }

    @Test
    void withTimeToSpareASearchPageIsFullOrReachesTheStart() {
        LogPage page = logs.page(scope, new LogRequest(0, null, null, null, 4, "needle"));
        assertThat(texts(page.lines())).hasSize(4).allMatch(t -> t.contains("needle"));
        assertThat(page.partial()).isFalse();
        LogPage rest = logs.page(scope, new LogRequest(0, null, null, page.prev(), 100, "needle"));
        assertThat(rest.lines()).hasSize(3 * 3 - 4); // three texts contain it, three copies of each
        assertThat(rest.partial()).isFalse();
        assertThat(rest.prev()).as("the start of the log").isNull();
    }

    @Test
    void aRunWithoutCurrentReplicasStillGivesACursorToFollowFrom() {
        // the log stream of a run scaled to zero starts from the newest page's cursor: it must not be missing
        Scope none = new Scope(scope.runId(), List.of());
        LogPage newest = logs.page(none, new LogRequest(null, null, null, null, 1, null));
        assertThat(newest.lines()).isEmpty();
        assertThat(newest.next()).isZero();
        assertThat(newest.prev()).isNull();
        assertThat(logs.page(none, new LogRequest(null, null, null, null, 1, "needle")).next()).isZero();
    }

    /** Newest first, then back page by page (4 lines each) until the start of the log, returned oldest first. */
    private List<LogLine> readAll(String query) {
        return readAll(request -> logs.page(scope, request), query, new ArrayList<>());
    }

    private List<LogLine> readAll(Function<LogRequest, LogPage> read, String query, List<LogPage> pages) {
        List<LogLine> lines = new ArrayList<>();
        Long before = null;
        do {
            LogPage page = read.apply(new LogRequest(0, null, null, before, 4, query));
            pages.add(page);
            lines.addAll(0, page.lines());
            before = page.prev();
        } while (before != null);
        return lines;
    }

    /** Oldest first from the start, while pages are full or cut short. */
    private List<LogLine> readForward(LogSearch search, String query) {
        List<LogLine> lines = new ArrayList<>();
        long after = 0;
        while (true) {
            LogPage page = search.page(scope, new LogRequest(0, null, after, null, 4, query), 4);
            lines.addAll(page.lines());
            if (page.lines().size() < 4 && !page.partial()) {
                return lines;
            }
            after = page.next();
        }
    }

    private static List<String> texts(List<LogLine> lines) {
        return lines.stream().map(LogLine::text).toList();
    }
}
