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
    /**
     * Runs in every page: notes when each server message (XHR response or push) arrives and how long it is, and, on
     * every animation frame, when a visible name link reads {@code window.__want} ({@code *}: any run). Playwright's
     * own wait polls at growing intervals (up to 500 ms apart), so its end can lag the moment the row showed.
     */
    private static final String PAGE_PROBE = """
            (() => {
              window.__chars = 0;
              window.__lastMessage = 0;
              window.__want = '*';
              window.__seenAt = 0;
              const note = data => {
                window.__chars += String(data).length;
                window.__lastMessage = Date.now();
              };
              const Native = window.WebSocket;
              window.WebSocket = function (...args) {
                const socket = new Native(...args);
                socket.addEventListener('message', event => note(event.data));
                return socket;
              };
              window.WebSocket.prototype = Native.prototype;
              Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
              const send = XMLHttpRequest.prototype.send;
              XMLHttpRequest.prototype.send = function (...args) {
                this.addEventListener('load', () => note(this.responseText));
                return send.apply(this, args);
              };
              const look = () => {
                if (window.__want && !window.__seenAt) {
                  for (const link of document.querySelectorAll('#runs-grid a')) {
                    if ((window.__want === '*' ? link.textContent !== 'Open' : link.textContent === window.__want)
                        && link.checkVisibility() && link.getClientRects().length > 0) {
                      window.__seenAt = Date.now();
                      break;
                    }
                  }
                }
                requestAnimationFrame(look);
              };
              requestAnimationFrame(look);
            })()""";

    /**
     * One timed action: until Playwright saw the row visible; until the page itself showed it; until the last server
     * message that came before; the characters those messages held; this JVM's CPU time meanwhile.
     */
    private record Sample(long millis, long shownMillis, long messageMillis, long chars, long jvmCpuMillis) {
    }

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
            Page page = browser.page();
            page.addInitScript(PAGE_PROBE);
            browser.signInToRuns(IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
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

    /** Repeats an action, putting the page back with {@code reset} before each try, and returns every sample. */
    private static List<Sample> time(Page page, Consumer<Page> reset, Consumer<Page> action, String visibleName) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < REPEATS; i++) {
            reset.accept(page);
            page.waitForTimeout(300);
            samples.add(timeOnce(page, action, visibleName));
        }
        return samples;
    }

    private static void toTop(Page page) {
        page.evaluate("() => document.querySelector('#runs-grid').scrollToIndex(0)");
    }

    private static Sample timeOnce(Page page, Consumer<Page> action, String visibleName) {
        page.evaluate("name => { window.__chars = 0; window.__lastMessage = 0; window.__want = name; "
                + "window.__seenAt = 0; }", visibleName);
        long cpu = jvmCpuNanos();
        long wall = System.currentTimeMillis();
        long start = System.nanoTime();
        action.accept(page);
        visible(page, visibleName);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long cpuMillis = (jvmCpuNanos() - cpu) / 1_000_000;
        long seenAt = ((Number) page.evaluate("() => window.__seenAt")).longValue();
        long lastMessage = ((Number) page.evaluate("() => window.__lastMessage")).longValue();
        long chars = ((Number) page.evaluate("() => window.__chars")).longValue();
        return new Sample(millis, seenAt == 0 ? -1 : seenAt - wall, lastMessage == 0 ? -1 : lastMessage - wall,
                chars, cpuMillis);
    }

    /** CPU time of this JVM: the server, plus the test's own thread (which mostly waits for the browser). */
    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
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

    private static void report(String what, List<Sample> samples) {
        report(what, samples.stream().mapToLong(Sample::millis).toArray());
        System.out.printf("[benchmark]   in the page: shown after %d ms (max %d), last server message after %d ms, "
                        + "%,d characters received, server JVM CPU %d ms (medians)%n",
                median(samples.stream().mapToLong(Sample::shownMillis).toArray()),
                samples.stream().mapToLong(Sample::shownMillis).max().orElse(-1),
                median(samples.stream().mapToLong(Sample::messageMillis).toArray()),
                median(samples.stream().mapToLong(Sample::chars).toArray()),
                median(samples.stream().mapToLong(Sample::jvmCpuMillis).toArray()));
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
