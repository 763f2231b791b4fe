package dev.runplane.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.OperatingSystemMXBean;
import dev.runplane.support.ApiClient;
import dev.runplane.support.BrowserSession;
import dev.runplane.support.IntegrationTest;
import dev.runplane.users.tokens.ApiTokenService;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark, not part of {@code verify}: what open portal sessions cost the server. One replica prints about 1,000
 * lines a second; the server's CPU is measured with no browser open, then with 20 browser sessions following that
 * replica's logs on the run page; heap per session is the difference in live heap (after GC) divided by the number
 * of sessions, measured once every session holds a full log buffer ({@code LogPresenter.CAPACITY} lines, so the
 * sessions first follow for {@code bench.fill-seconds}, default 110 s). The server runs in this JVM (the browsers and Playwright's driver are separate processes), so this
 * process's CPU time is the server's. Run with {@code ./mvnw -B -ntp verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=UiLoadBenchmark} ({@code -Dbench.sessions=20}).
 */
@IntegrationTest
class UiLoadBenchmark {
    private static final String RUN = "/api/v1/projects/default/runs/chatty";
    private static final long MEASURE_MILLIS = 20_000;

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    JdbcClient jdbc;

    @Test
    void twentySessionsFollowingAThousandLinesPerSecond() throws Exception {
        int sessions = Integer.getInteger("bench.sessions", 20);
        ApiClient api = new ApiClient("http://localhost:" + port, tokens.create("admin", "load", null).secret());
        assertThat(api.post("/api/v1/projects/default/runs", "application/yaml", """
                type: service
                name: chatty
                commands: ["while :; do seq -f 'line %g of a replica printing a thousand lines a second' 1 100; sleep 0.1; done"]
                replicas: 1
                """).status()).isEqualTo(201);
        List<BrowserSession> browsers = new ArrayList<>();
        try {
            Thread.sleep(5_000); // let ingestion reach its steady state
            long heapBefore = liveHeap();
            histogram("before");
            Load idle = measure();
            for (int i = 0; i < sessions; i++) {
                BrowserSession browser = new BrowserSession("http://localhost:" + port);
                browser.signInToRuns(IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
                browser.open("/projects/default/runs/chatty");
                try {
                    browser.page().locator(".log-line >> visible=true").first().waitFor();
                } catch (RuntimeException e) {
                    browser.page().screenshot(new com.microsoft.playwright.Page.ScreenshotOptions()
                            .setPath(java.nio.file.Path.of("target/ui-load-failure.png")).setFullPage(true));
                    throw e;
                }
                browsers.add(browser);
                System.out.printf("[benchmark] UI load: session %d of %d following%n", i + 1, sessions);
            }
            Thread.sleep(Integer.getInteger("bench.fill-seconds", 110) * 1000L);
            Load following = measure();
            // Playwright's Java client, in this JVM, queues what its driver sends (each page's push frames among it)
            // until the test calls into it: ~0.5 MiB per page after the fill (a heap dump showed 939 queued push
            // messages in its ArrayBlockingQueue). Drained here, so that the heap below is the server's.
            for (BrowserSession browser : browsers) {
                browser.page().evaluate("0");
            }
            long heapAfter = liveHeap();
            histogram("after");
            for (BrowserSession browser : browsers) {
                assertThat(browser.page().locator(".log-line >> visible=true").count()).isPositive();
            }
            System.out.printf("%n[benchmark] UI load: replica printing %.0f lines/s stored; server CPU with no "
                            + "session %.2f cores, with %d sessions following its logs %.2f cores (%.3f cores per "
                            + "session)%n", idle.linesPerSecond, idle.cores, sessions, following.cores,
                    (following.cores - idle.cores) / sessions);
            System.out.printf("[benchmark] UI load: live heap %d MiB before, %d MiB with %d sessions: %.1f MiB per "
                            + "session%n", heapBefore >> 20, heapAfter >> 20, sessions,
                    (heapAfter - heapBefore) / (double) sessions / (1 << 20));
        } finally {
            browsers.forEach(BrowserSession::close);
            api.postJson(RUN + "/stop", "{\"abort\": true}");
        }
    }

    private record Load(double cores, double linesPerSecond) {
    }

    private Load measure() throws InterruptedException {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long lines = storedLines();
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        Thread.sleep(MEASURE_MILLIS);
        double seconds = (System.nanoTime() - wall) / 1e9;
        return new Load((os.getProcessCpuTime() - cpu) / 1e9 / seconds, (storedLines() - lines) / seconds);
    }

    private long storedLines() {
        return jdbc.sql("SELECT COUNT(*) FROM log_line l JOIN run r ON r.id = l.run_id WHERE r.name = 'chatty'")
                .query(Long.class).single();
    }

    /**
     * Writes a class histogram of the live heap to {@code target/ui-load-histogram-<name>.txt} when
     * {@code -Dbench.histogram=true}: the "after" minus the "before" is what the sessions hold.
     */
    private static void histogram(String name) throws Exception {
        if (!Boolean.getBoolean("bench.histogram")) {
            return;
        }
        Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/ui-load-histogram-" + name + ".txt"),
                String.valueOf(text));
    }

    private static long liveHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
