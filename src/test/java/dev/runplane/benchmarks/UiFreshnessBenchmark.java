package dev.runplane.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import dev.runplane.support.ApiClient;
import dev.runplane.support.BrowserSession;
import dev.runplane.support.IntegrationTest;
import dev.runplane.users.tokens.ApiTokenService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Benchmark, not part of {@code verify}: with 20 browser sessions open on one run page, the time from a scale call
 * over the API returning to the new desired count being in each browser's DOM (a MutationObserver records the wall
 * clock in the page). Run with {@code ./mvnw -B -ntp verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=UiFreshnessBenchmark} ({@code -Dbench.sessions=20 -Dbench.rounds=20}).
 */
@IntegrationTest
class UiFreshnessBenchmark {
    private static final String RUN = "/api/v1/projects/default/runs/fresh";

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;

    private static long[] report(String what, List<Long> millis) {
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length > 0) {
            System.out.printf("%n[benchmark] %s: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms (%d samples)%n", what,
                    sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.9)],
                    sorted[(int) Math.min(sorted.length - 1, sorted.length * 0.99)], sorted[sorted.length - 1],
                    sorted.length);
        }
        return sorted;
    }

    @Test
    void freshnessWithTwentySessionsOnOneRun() throws Exception {
        int sessions = Integer.getInteger("bench.sessions", 20);
        int rounds = Integer.getInteger("bench.rounds", 20);
        ApiClient api = new ApiClient("http://localhost:" + port, tokens.create("admin", "fresh", null).secret());
        assertThat(api.post("/api/v1/projects/default/runs", "application/yaml",
                "type: service\nname: fresh\ncommands: [\"sleep 3600\"]\nreplicas: 0\n").status()).isEqualTo(201);
        List<BrowserSession> browsers = new ArrayList<>();
        try {
            // -Dbench.browsers=N spreads the sessions over N Chromium processes (default: one, like the other tests)
            List<com.microsoft.playwright.Browser> chromiums = new ArrayList<>();
            chromiums.add(dev.runplane.support.Browsers.chromium());
            for (int i = 1; i < Integer.getInteger("bench.browsers", 1); i++) {
                chromiums.add(dev.runplane.support.Browsers.launch());
            }
            for (int i = 0; i < sessions; i++) {
                BrowserSession browser = new BrowserSession("http://localhost:" + port,
                        chromiums.get(i % chromiums.size()));
                // note when each push message arrives, to split the delay into server + network and browser work
                browser.page().addInitScript("""
                        (() => {
                          const Native = window.WebSocket;
                          window.WebSocket = function (...args) {
                            const socket = new Native(...args);
                            socket.addEventListener('message', event => {
                              window.__lastMessage = Date.now();
                              window.__messages = (window.__messages || 0) + 1;
                              window.__messageChars = (window.__messageChars || 0) + String(event.data).length;
                              if (window.__keep && window.__kept.length < 500) { window.__kept.push(String(event.data)); }
                            });
                            return socket;
                          };
                          window.WebSocket.prototype = Native.prototype;
                          Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
                        })()""");
                browser.signInToRuns(IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
                browser.open("/projects/default/runs/fresh");
                browser.page().locator("#run-replicas").waitFor();
                browsers.add(browser);
            }
            // where the machine's CPU goes: the browsers' processes against this JVM (server + test driver)
            Thread.sleep(3000);
            CpuSplit idle = CpuSplit.measure(() -> Thread.sleep(10_000));
            System.out.printf("%n[benchmark] %d idle pages, 10 s: browsers %.2f cores, server JVM %.2f cores%n",
                    sessions, idle.browserCores(), idle.jvmCores());
            List<Long> millis = new ArrayList<>();
            List<Long> messageMillis = new ArrayList<>();
            // what one page's renderer spends its time on during the rounds (Chrome's own counters)
            CDPSession devtools = browsers.getFirst().page().context().newCDPSession(browsers.getFirst().page());
            devtools.send("Performance.enable");
            String jsProfile = System.getProperty("bench.js-profile"); // a file for Chrome's .cpuprofile of page 1
            Page first = browsers.getFirst().page();
            String messageDump = System.getProperty("bench.dump-messages"); // a file for page 1's push messages
            if (messageDump != null) {
                first.evaluate("() => { window.__kept = []; window.__keep = true; }");
            }
            if (jsProfile != null) {
                devtools.send("Profiler.enable");
                devtools.send("Profiler.start");
            }
            Map<String, Double> before = rendererMetrics(devtools);
            double messagesBefore = ((Number) first.evaluate("() => window.__messages || 0")).doubleValue();
            double charsBefore = ((Number) first.evaluate("() => window.__messageChars || 0")).doubleValue();
            CpuSplit rounding = CpuSplit.measure(() -> runRounds(api, browsers, rounds, millis, messageMillis));
            Map<String, Double> after = rendererMetrics(devtools);
            System.out.printf("[benchmark] push messages per page per round: %.1f, %.0f characters%n",
                    (((Number) first.evaluate("() => window.__messages || 0")).doubleValue() - messagesBefore)
                            / rounds,
                    (((Number) first.evaluate("() => window.__messageChars || 0")).doubleValue() - charsBefore)
                            / rounds);
            if (messageDump != null) {
                java.nio.file.Files.writeString(java.nio.file.Path.of(messageDump),
                        String.join("\n----\n", (List<String>) first.evaluate("() => window.__kept")));
            }
            if (jsProfile != null) {
                java.nio.file.Files.writeString(java.nio.file.Path.of(jsProfile),
                        devtools.send("Profiler.stop").get("profile").toString());
            }
            System.out.printf("[benchmark] one page's renderer per round: task %.1f ms (script %.1f, layout %.1f, "
                            + "style %.1f ms), %.1f layouts, %.1f style recalcs, %.0f DOM nodes at the end%n",
                    perRound(before, after, "TaskDuration", rounds) * 1000,
                    perRound(before, after, "ScriptDuration", rounds) * 1000,
                    perRound(before, after, "LayoutDuration", rounds) * 1000,
                    perRound(before, after, "RecalcStyleDuration", rounds) * 1000,
                    perRound(before, after, "LayoutCount", rounds), perRound(before, after, "RecalcStyleCount", rounds),
                    after.getOrDefault("Nodes", 0.0));
            System.out.printf("[benchmark] during the rounds (%.1f s): browsers %.2f cores (%s), server JVM %.2f cores%n",
                    rounding.seconds(), rounding.browserCores(), rounding.byType(), rounding.jvmCores());
            long[] sorted = report("UI freshness, %d sessions x %d rounds".formatted(sessions, rounds), millis);
            System.out.println("[benchmark] all samples (ms): " + Arrays.toString(sorted));
            report("the push message that brought it arrived (server + network share)", messageMillis);
        } finally {
            browsers.forEach(BrowserSession::close);
            api.postJson(RUN + "/stop", "{\"abort\": true}");
        }
    }

    private static void runRounds(ApiClient api, List<BrowserSession> browsers, int rounds, List<Long> millis,
                                  List<Long> messageMillis) {
        {
            for (int round = 1; round <= rounds; round++) {
                String expected = (round % 2) + " desired";
                for (BrowserSession browser : browsers) {
                    browser.page().evaluate("""
                            expected => {
                              window.__seen = null;
                              window.__seenMessage = null;
                              const el = document.querySelector('#run-replicas');
                              const check = () => {
                                if (window.__seen === null && el.textContent.endsWith(expected)) {
                                  window.__seen = Date.now();
                                  window.__seenMessage = window.__lastMessage;
                                }
                              };
                              if (window.__observer) { window.__observer.disconnect(); }
                              window.__observer = new MutationObserver(check);
                              window.__observer.observe(el, {childList: true, characterData: true, subtree: true});
                            }""", expected);
                }
                assertThat(api.postJson(RUN + "/scale", "{\"replicas\": " + (round % 2) + "}").status())
                        .isEqualTo(200);
                long returned = System.currentTimeMillis();
                long first = Long.MAX_VALUE;
                long last = 0;
                long lastMessage = 0;
                for (BrowserSession browser : browsers) {
                    Page page = browser.page();
                    // the MutationObserver stamps the moment; this only collects it, every 50 ms (Playwright's
                    // default polls at every animation frame, making a waiting page render 60 frames a second
                    // while the other 19 wait for the CPU)
                    page.waitForFunction("() => window.__seen !== null", null,
                            new Page.WaitForFunctionOptions().setPollingInterval(50));
                    long seen = ((Number) page.evaluate("() => window.__seen")).longValue() - returned;
                    millis.add(seen);
                    first = Math.min(first, seen);
                    last = Math.max(last, seen);
                    Object message = page.evaluate("() => window.__seenMessage");
                    if (message instanceof Number arrived) {
                        messageMillis.add(arrived.longValue() - returned);
                        lastMessage = Math.max(lastMessage, arrived.longValue() - returned);
                    }
                }
                // a late round (all pages late: the server, its pacing) reads differently from a late page (a busy
                // browser): the first and the last page of each round tell them apart
                System.out.printf("[benchmark] round %d (%s): first page %d ms, last page %d ms (its push arrived "
                        + "by %d ms)%n", round, expected, first, last, lastMessage);
            }
        }
    }

    private static Map<String, Double> rendererMetrics(CDPSession devtools) {
        Map<String, Double> metrics = new HashMap<>();
        for (var metric : devtools.send("Performance.getMetrics").getAsJsonArray("metrics")) {
            var object = metric.getAsJsonObject();
            metrics.put(object.get("name").getAsString(), object.get("value").getAsDouble());
        }
        return metrics;
    }

    private static double perRound(Map<String, Double> before, Map<String, Double> after, String name, int rounds) {
        return (after.getOrDefault(name, 0.0) - before.getOrDefault(name, 0.0)) / rounds;
    }

    /** CPU time used while an action ran, by the browser processes (Chromium) and by this JVM, in cores. */
    private record CpuSplit(double seconds, double browserCores, double jvmCores, String byType) {
        /** Playwright's driver: test harness, shown but not counted as browser work. */
        static final String DRIVER = "playwright-driver";

        interface Action {
            void run() throws Exception;
        }

        static CpuSplit measure(Action action) throws Exception {
            long wall = System.nanoTime();
            Map<String, Long> browsers = browserCpuNanos();
            long jvm = jvmCpuNanos();
            action.run();
            double seconds = (System.nanoTime() - wall) / 1e9;
            Map<String, Long> after = browserCpuNanos();
            StringBuilder byType = new StringBuilder();
            long total = 0;
            for (var type : new java.util.TreeMap<>(after).entrySet()) {
                long used = type.getValue() - browsers.getOrDefault(type.getKey(), 0L);
                if (!type.getKey().equals(DRIVER)) {
                    total += used;
                }
                byType.append(byType.isEmpty() ? "" : ", ").append(type.getKey())
                        .append(String.format(" %.2f", used / 1e9 / seconds));
            }
            return new CpuSplit(seconds, total / 1e9 / seconds, (jvmCpuNanos() - jvm) / 1e9 / seconds,
                    byType.toString());
        }

        /** CPU time of Chromium's processes, and of Playwright's driver apart. */
        private static Map<String, Long> browserCpuNanos() {
            Map<String, Long> byType = new HashMap<>();
            ProcessHandle.allProcesses()
                    .filter(p -> p.info().command().map(c -> c.contains("chrom") || c.contains("headless_shell")
                            || c.endsWith("/node")).orElse(false))
                    .forEach(p -> {
                        String type = p.info().command().orElse("").endsWith("/node") ? DRIVER : "chromium";
                        byType.merge(type, p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L),
                                Long::sum);
                    });
            return byType;
        }

        private static long jvmCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
        }
    }
}
