package dev.runplane.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.runplane.base.Actor;
import dev.runplane.base.Source;
import dev.runplane.projects.ProjectService;
import dev.runplane.runs.RunService;
import dev.runplane.support.ApiClient;
import dev.runplane.support.BrowserSession;
import dev.runplane.support.IntegrationTest;
import dev.runplane.users.tokens.ApiTokenService;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The portal in real browsers while a script changes runs over the REST API — the story the tool we replace got
 * wrong. Every assertion waits for the pushed change; nothing reloads the page.
 */
@IntegrationTest
class PortalIT {
    private static final String RUNS = "/api/v1/projects/default/runs";

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    ProjectService projects;
    @Autowired
    RunService runService;
    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void token() {
        api = new ApiClient("http://localhost:" + port, tokens.create("admin", "portal", null).secret());
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    private BrowserSession openRun(String run) {
        BrowserSession browser = new BrowserSession(baseUrl());
        browser.signInToRuns(IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
        browser.open("/projects/default/runs/" + run);
        assertThat(browser.page().locator("#replicas-current")).isVisible();
        browser.page().evaluate("window.__noReload = 'still-here'");
        return browser;
    }

    private static Locator runningCells(Page page) {
        // the grid keeps recycled row elements hidden in the DOM: count what is visible
        return page.locator("#replicas-current .status-badge.status-running >> visible=true");
    }

    private static Locator logLine(Page page, String text) {
        return page.locator(".log-line >> visible=true").filter(new Locator.FilterOptions().setHasText(text));
    }

    private static Locator tab(Page page, String name) {
        return page.locator("vaadin-tab", new Page.LocatorOptions().setHasText(name));
    }

    /** The CPU chart's line of one replica ("0"), or of the run's total ("total"). */
    private static Locator cpuLine(Page page, String series) {
        return page.locator("#stats-chart-cpu polyline.chart-line[data-series='" + series + "']");
    }

    /** The minutes between the labelled ticks of the CPU chart's time axis ("06:30", "06:35" …: five). */
    private static long minutesBetweenTimeTicks(Page page) {
        List<String> labels = page.locator("#stats-chart-cpu .chart-time-tick").allTextContents();
        assertThat(labels).as("time axis labels").hasSizeGreaterThanOrEqualTo(2);
        return Math.floorMod(Duration.between(LocalTime.parse(labels.get(0)), LocalTime.parse(labels.get(1))).toMinutes(),
                24 * 60);
    }

    private void scale(String run, int replicas) {
        assertThat(api.postJson(RUNS + "/" + run + "/scale", "{\"replicas\": " + replicas + "}").status())
                .isEqualTo(200);
    }

    @Test
    void twoBrowsersFollowAScriptScalingOneTwoOneAndStopFromTheRunPage() {
        assertThat(api.post(RUNS, "application/yaml", """
                type: service
                name: portal-story
                commands: ["echo hello from replica $RUNPLANE_REPLICA; sleep 600"]
                replicas: 1
                stop_grace_period: 2s
                """).status()).isEqualTo(201);
        try (BrowserSession a = openRun("portal-story"); BrowserSession b = openRun("portal-story")) {
            for (BrowserSession browser : new BrowserSession[] {a, b}) {
                assertThat(browser.page().locator("#run-status")).hasText("RUNNING");
                assertThat(browser.page().locator("#run-replicas")).hasText("1 running / 1 desired");
            }
            String oneReplicaBurn = a.page().locator("#run-burn-rate").textContent();
            tab(b.page(), "Stats").click(); // b watches the stats while they change; a opens them afterwards

            scale("portal-story", 2);
            for (BrowserSession browser : new BrowserSession[] {a, b}) {
                assertThat(browser.page().locator("#run-replicas")).hasText("2 running / 2 desired");
                assertThat(runningCells(browser.page())).hasCount(2);
            }
            assertThat(b.page().locator("#stats-replica-1")).isVisible();
            // one chart per figure, a line per current replica and the run's total, axes labelled with units
            assertThat(cpuLine(b.page(), "0")).hasCount(1);
            assertThat(cpuLine(b.page(), "1")).hasCount(1);
            assertThat(cpuLine(b.page(), "total")).hasCount(1);
            assertThat(b.page().locator("#stats-chart-memory polyline.chart-line")).hasCount(3);
            assertThat(b.page().locator("#stats-chart-cpu .chart-value-tick").last()).hasText(Pattern.compile("%$"));
            assertThat(b.page().locator("#stats-chart-memory .chart-value-tick").last())
                    .hasText(Pattern.compile("B$"));
            assertThat(b.page().locator("#stats-chart-cpu")).hasAttribute("aria-label",
                    Pattern.compile("^CPU .*last 15 minutes: Replica 0 now .*; Replica 1 now .*; Run total now "));
            assertThat(b.page().locator("#stats-legend")).containsText("Replica 1 (submission 0)");
            assertThat(b.page().locator("#stats-chart-cost")).hasAttribute("aria-label",
                    Pattern.compile("^Run cost so far, last 15 minutes: Run cost now \\$"));
            assertThat(minutesBetweenTimeTicks(b.page())).isEqualTo(5);
            // the merged log shows both replicas' lines, each tagged; choosing replica 1 shows only its own
            assertThat(logLine(a.page(), "hello from replica 0")).isVisible();
            assertThat(logLine(a.page(), "hello from replica 1")).isVisible();
            assertThat(logLine(a.page(), "hello from replica 1").locator(".log-replica")).hasText("r1");
            a.page().locator("#log-replica-select").click();
            a.page().locator("vaadin-combo-box-item", new Page.LocatorOptions().setHasText("Replica 1")).click();
            assertThat(logLine(a.page(), "hello from replica 1")).isVisible();
            assertThat(logLine(a.page(), "hello from replica 0")).hasCount(0);
            a.page().locator("#log-replica-select").click();
            a.page().locator("vaadin-combo-box-item", new Page.LocatorOptions().setHasText("All replicas")).click();
            assertThat(logLine(a.page(), "hello from replica 0")).isVisible();

            scale("portal-story", 1);
            for (BrowserSession browser : new BrowserSession[] {a, b}) {
                assertThat(browser.page().locator("#run-replicas")).hasText("1 running / 1 desired");
                assertThat(browser.page().locator("#run-burn-rate")).hasText(oneReplicaBurn);
                browser.page().locator("#replicas-history-section vaadin-details-summary").click();
                assertThat(browser.page().locator("#replicas-history").getByText("SCALED_DOWN")).isVisible();
            }
            // a's merged log drops the scaled-down replica's lines (without reading the log again)
            assertThat(logLine(a.page(), "hello from replica 1")).hasCount(0);
            assertThat(logLine(a.page(), "hello from replica 0")).isVisible();
            assertThat(b.page().locator("#stats-replica-1")).hasCount(0);
            assertThat(b.page().locator("#stats-replica-0")).isVisible();
            // the scaled-down replica's line goes, and with one replica left the total would only repeat it
            assertThat(cpuLine(b.page(), "1")).hasCount(0);
            assertThat(cpuLine(b.page(), "total")).hasCount(0);
            assertThat(cpuLine(b.page(), "0")).hasCount(1);
            // another window: this page reads its own stats, with a time axis in quarter hours
            b.page().locator("#stats-window vaadin-radio-button")
                    .filter(new Locator.FilterOptions().setHasText(Pattern.compile("^\\s*1 h\\s*$"))).click();
            assertThat(b.page().locator("#stats-chart-cpu")).hasAttribute("aria-label",
                    Pattern.compile("last 1 hour"));
            assertThat(minutesBetweenTimeTicks(b.page())).isEqualTo(15);
            assertThat(cpuLine(b.page(), "0")).hasCount(1);
            assertThat(cpuLine(b.page(), "1")).hasCount(0);
            // the scaled-down submission's log is one click away from its history row
            a.page().locator("#replicas-history tr", new Page.LocatorOptions().setHasText("SCALED_DOWN"))
                    .locator(".replica-logs").click();
            assertThat(a.page().locator("#log-replica-select input"))
                    .hasValue("Earlier: replica 1 \u00b7 submission 0 (scaled down)");
            assertThat(logLine(a.page(), "hello from replica 1")).isVisible();
            assertThat(logLine(a.page(), "hello from replica 0")).hasCount(0);
            tab(a.page(), "Stats").click();
            assertThat(a.page().locator("#stats-replica-0")).isVisible();
            assertThat(a.page().locator("#stats-replica-1")).hasCount(0);
            tab(a.page(), "Events").click();
            assertThat(a.page().locator("#run-events").getByText("SCALED", new Locator.GetByTextOptions()
                    .setExact(true)).first()).isVisible();

            a.page().locator("#run-stop").click();
            for (BrowserSession browser : new BrowserSession[] {a, b}) {
                assertThat(browser.page().locator("#run-status")).hasText("TERMINATED");
                assertThat(browser.page().evaluate("window.__noReload")).isEqualTo("still-here");
            }
        }
    }

    @Test
    void stopAndAbortFromTheRunsListUpdateEveryOpenBrowser() {
        for (String name : new String[] {"list-stop", "list-abort"}) {
            assertThat(api.post(RUNS, "application/yaml",
                    "type: service\nname: " + name + "\ncommands: [\"sleep 600\"]\nstop_grace_period: 2s\n").status())
                    .isEqualTo(201);
        }
        try (BrowserSession list = new BrowserSession(baseUrl()); BrowserSession detail = openRun("list-stop")) {
            list.signInToRuns(IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
            Page page = list.page();
            page.locator("#filter-name input").fill("list-stop");
            assertThat(page.locator("#runs-grid .status-badge.status-running >> visible=true")).hasCount(1);
            page.locator("#runs-grid .run-stop >> visible=true").click();
            assertThat(detail.page().locator("#run-status")).hasText("TERMINATED");
            assertThat(page.locator("#runs-grid .status-badge.status-terminated >> visible=true")).hasCount(1);

            page.locator("#filter-name input").fill("list-abort");
            assertThat(page.locator("#runs-grid .status-badge.status-running >> visible=true")).hasCount(1);
            page.locator("#runs-grid .run-abort >> visible=true").click();
            page.locator("#confirm-abort-confirm").click();
            assertThat(page.locator("#runs-grid .status-badge.status-terminated >> visible=true")).hasCount(1);
            assertThat(api.get(RUNS + "/list-abort?history=true").json().get("history").get(0).get("status")
                    .asString()).isEqualTo("ABORTED");
        }
    }

    @Test
    void aScriptTagInARunsOutputIsShownLiterallyAndNeverRuns() {
        assertThat(api.post(RUNS, "application/yaml", """
                type: task
                name: xss-output
                commands: ["echo '<script>alert(1)</script><img src=x onerror=alert(2)>'"]
                """).status()).isEqualTo(201);
        try (BrowserSession browser = openRun("xss-output")) {
            AtomicInteger dialogs = new AtomicInteger();
            browser.page().onDialog(dialog -> {
                dialogs.incrementAndGet();
                dialog.dismiss();
            });
            assertThat(browser.page().locator("#run-status")).hasText("DONE");
            Locator line = browser.page().locator(".log-line").filter(
                    new Locator.FilterOptions().setHasText("<script>alert(1)</script>"));
            assertThat(line.first()).isVisible();
            assertThat(browser.page().locator("img[src='x']")).hasCount(0);
            assertThat(dialogs.get()).isZero();
        }
    }

    @Test
    void aLongLogKeepsOnlyTheLinesInViewInThePage() {
        assertThat(api.post(RUNS, "application/yaml", """
                type: task
                name: long-output
                commands: ["seq -f 'long output line %g' 1 20000"]
                """).status()).isEqualTo(201);
        try (BrowserSession browser = openRun("long-output")) {
            assertThat(browser.page().locator("#run-status")).hasText("DONE");
            Locator last = browser.page().locator(".log-line").filter(
                    new Locator.FilterOptions().setHasText("long output line 20000"));
            assertThat(last.first()).isVisible();
            // the list holds thousands of lines but renders only about a screenful: the page stays light
            assertThat(browser.page().locator(".log-line").count()).isLessThan(300);
            assertThat(browser.page().locator("#log-list").boundingBox().height)
                    .isLessThan(browser.page().viewportSize().height);
        }
    }

    @Test
    void aRunNamedLikeMarkupIsListedAsTextAndANameOpensItsRunPageWithoutReload() {
        // names from the API match [a-z][a-z0-9-]*; a row written some other way must still show as plain text
        long projectId = projects.createProject("portal-names", "Portal names").id();
        String markup = "<img src=x onerror=alert(1)><script>alert(2)</script>";
        jdbc.sql("""
                INSERT INTO run (project_id, name, run_type, spec_text, desired_replicas, status, submitted_by,
                                 submitted_at, updated_at, finished_at)
                VALUES (?, ?, 'TASK', 'x', 1, 'DONE', 'admin', NOW(6), NOW(6), NOW(6))""")
                .params(projectId, markup).update();
        runService.create(new Actor(IntegrationTest.ADMIN, Source.API), "portal-names",
                "type: task\nname: plain-name\ncommands: [\"true\"]\n");
        try (BrowserSession browser = new BrowserSession(baseUrl())) {
            browser.signInToRuns(IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
            Page page = browser.page();
            AtomicInteger dialogs = new AtomicInteger();
            page.onDialog(dialog -> {
                dialogs.incrementAndGet();
                dialog.dismiss();
            });
            browser.open("/projects/portal-names/runs");
            Locator name = page.locator("#runs-grid a >> visible=true")
                    .filter(new Locator.FilterOptions().setHasText(markup));
            assertThat(name).hasCount(1);
            assertThat(name).hasText(markup);
            assertThat(page.locator("#runs-grid img[src='x']")).hasCount(0);
            assertThat(dialogs.get()).isZero();

            page.evaluate("window.__noReload = 'still-here'");
            page.locator("#runs-grid a:text-is('plain-name') >> visible=true").click();
            assertThat(page).hasURL(java.util.regex.Pattern.compile("/projects/portal-names/runs/plain-name$"));
            assertThat(page.locator("#run-status")).isVisible();
            assertThat(page.evaluate("window.__noReload")).isEqualTo("still-here");
        }
    }
}
