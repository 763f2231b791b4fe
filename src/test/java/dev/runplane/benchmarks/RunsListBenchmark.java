package dev.runplane.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.runplane.projects.ProjectService;
import dev.runplane.runs.RunQueries;
import dev.runplane.runs.RunQueries.Filter;
import dev.runplane.runs.RunQueries.Sort;
import dev.runplane.runs.RunQueries.SortField;
import dev.runplane.support.BrowserSession;
import dev.runplane.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark, not part of {@code verify}: the runs list of a project holding 100,000 runs, in a real browser. Each
 * step is timed, five times, from the user's action to the rows it asks for being visible: open the page, jump to
 * the very last (oldest) run, sort a freshly opened list by name, filter a freshly opened list by name. Run with
 * {@code ./mvnw -B -ntp verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=RunsListBenchmark}
 * ({@code -Dbench.runs=100000}).
 */
@IntegrationTest
class RunsListBenchmark {
    private static final int REPEATS = 5;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProjectService projects;
    @Autowired
    RunQueries queries;

    @Test
    void aProjectWithOneHundredThousandRuns() {
        int runs = Integer.getInteger("bench.runs", 100_000);
        long projectId = projects.createProject("bulk", "Bulk").id();
        long fillStart = System.nanoTime();
        insertRuns(projectId, runs);
        System.out.printf("%n[benchmark] inserted %,d runs in %.1f s%n", runs, (System.nanoTime() - fillStart) / 1e9);
        queryTimes(runs);
        String oldest = name(0);
        String newest = name(runs - 1);

        try (BrowserSession browser = new BrowserSession("http://localhost:" + port)) {
            browser.signInToRuns(IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
            Page page = browser.page();
            String list = "http://localhost:" + port + "/projects/bulk/runs";
            report("open the runs list (first rows visible)", time(page, p -> p.navigate("about:blank"),
                    p -> p.navigate(list), newest));
            report("jump to the last (oldest) of " + runs + " runs", time(page, RunsListBenchmark::toTop,
                    p -> p.evaluate("n => document.querySelector('#runs-grid').scrollToIndex(n)", runs - 1),
                    oldest));
            Consumer<Page> freshList = p -> {
                p.navigate(list);
                visible(p, newest);
            };
            report("sort by name ascending (first page)", time(page, freshList,
                    p -> p.locator("vaadin-grid-sorter:has-text('Name')").click(), oldest));
            report("filter by name (10 matches)", time(page, freshList,
                    p -> p.locator("#filter-name input").fill("bulk-05000"), name(50_009)));
        }
    }

    /** The database side of each grid fetch, without a browser: what a page and a count cost. */
    private void queryTimes(int runs) {
        for (SortField field : SortField.values()) {
            Sort sort = new Sort(field, true);
            report("query: first page sorted by " + field, repeat(() ->
                    queries.page(IntegrationTest.ADMIN, "bulk", Filter.NONE, sort, 0, 50)));
            report("query: last page sorted by " + field, repeat(() ->
                    queries.page(IntegrationTest.ADMIN, "bulk", Filter.NONE, sort, runs - 50, 50)));
        }
        report("query: count", repeat(() -> queries.count(IntegrationTest.ADMIN, "bulk", Filter.NONE)));
        Filter byName = new Filter(null, "bulk-05000", null);
        report("query: filter by name, first page", repeat(() ->
                queries.page(IntegrationTest.ADMIN, "bulk", byName, Sort.NEWEST_FIRST, 0, 50)));
        report("query: filter by name, count", repeat(() -> queries.count(IntegrationTest.ADMIN, "bulk", byName)));
    }

    private static long[] repeat(Runnable query) {
        long[] millis = new long[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            long start = System.nanoTime();
            query.run();
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        return millis;
    }

    private void insertRuns(long projectId, int runs) {
        Instant start = Instant.now().minusSeconds(runs);
        int batch = 1_000;
        for (int from = 0; from < runs; from += batch) {
            StringBuilder sql = new StringBuilder("""
                    INSERT INTO run (project_id, name, run_type, spec_text, desired_replicas, status, submitted_by,
                                     submitted_at, updated_at, finished_at) VALUES""");
            List<Object> params = new ArrayList<>();
            for (int i = from; i < Math.min(runs, from + batch); i++) {
                sql.append(i == from ? " " : ", ").append("(?, ?, 'TASK', 'x', 1, 'DONE', ?, ?, ?, ?)");
                Timestamp at = Timestamp.from(start.plusSeconds(i));
                params.addAll(List.of(projectId, name(i), "user-" + (i % 50), at, at, at));
            }
            jdbc.sql(sql.toString()).params(params).update();
        }
    }

    private static String name(int i) {
        return "bulk-%06d".formatted(i);
    }

    /** Repeats an action, putting the page back with {@code reset} before each try, and returns every duration. */
    private static long[] time(Page page, Consumer<Page> reset, Consumer<Page> action, String visibleName) {
        long[] millis = new long[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            reset.accept(page);
            page.waitForTimeout(300);
            millis[i] = timeOnce(page, action, visibleName)[0];
        }
        return millis;
    }

    private static void toTop(Page page) {
        page.evaluate("() => document.querySelector('#runs-grid').scrollToIndex(0)");
    }

    private static long[] timeOnce(Page page, Consumer<Page> action, String visibleName) {
        long start = System.nanoTime();
        action.accept(page);
        visible(page, visibleName);
        return new long[] {(System.nanoTime() - start) / 1_000_000};
    }

    private static void visible(Page page, String name) {
        page.locator("#runs-grid a:text-is('" + name + "') >> visible=true").first().waitFor();
    }

    private static void report(String what, long[] millis) {
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        assertThat(sorted).isNotEmpty();
        System.out.printf("[benchmark] runs list, %s: median %d ms, max %d ms (%d samples)%n", what,
                sorted[sorted.length / 2], sorted[sorted.length - 1], sorted.length);
    }
}
