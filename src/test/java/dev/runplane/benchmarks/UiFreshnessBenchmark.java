package dev.runplane.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.runplane.support.ApiClient;
import dev.runplane.support.BrowserSession;
import dev.runplane.support.IntegrationTest;
import dev.runplane.users.tokens.ApiTokenService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
            for (int i = 0; i < sessions; i++) {
                BrowserSession browser = new BrowserSession("http://localhost:" + port);
                // note when each push message arrives, to split the delay into server + network and browser work
                browser.page().addInitScript("""
                        (() => {
                          const Native = window.WebSocket;
                          window.WebSocket = function (...args) {
                            const socket = new Native(...args);
                            socket.addEventListener('message', () => { window.__lastMessage = Date.now(); });
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
            List<Long> millis = new ArrayList<>();
            List<Long> messageMillis = new ArrayList<>();
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
                for (BrowserSession browser : browsers) {
                    Page page = browser.page();
                    page.waitForFunction("() => window.__seen !== null");
                    millis.add(((Number) page.evaluate("() => window.__seen")).longValue() - returned);
                    Object message = page.evaluate("() => window.__seenMessage");
                    if (message instanceof Number arrived) {
                        messageMillis.add(arrived.longValue() - returned);
                    }
                }
            }
            long[] sorted = report("UI freshness, %d sessions x %d rounds".formatted(sessions, rounds), millis);
            System.out.println("[benchmark] all samples (ms): " + Arrays.toString(sorted));
            report("the push message that brought it arrived (server + network share)", messageMillis);
        } finally {
            browsers.forEach(BrowserSession::close);
            api.postJson(RUN + "/stop", "{\"abort\": true}");
        }
    }
}
